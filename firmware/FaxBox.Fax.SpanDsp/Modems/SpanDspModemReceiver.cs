using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using FaxBox.Core;
using FaxBox.Fax.Modems;
using FaxBox.Fax.SpanDsp.Handles;
using FaxBox.Fax.SpanDsp.Interop;

namespace FaxBox.Fax.SpanDsp.Modems;

/// <summary>
/// A receiver on one of libspandsp's own modems (<c>v17_rx</c>, <c>v29_rx</c>, <c>v27ter_rx</c>, <c>fsk_rx</c> in
/// synchronous mode with V.21 channel 2). Bits and <c>SIG_STATUS_*</c> reports arrive through spandsp's put_bit callback
/// and are passed to the sink synchronously inside <see cref="Receive"/>.
/// <para>
/// Quality estimate: for the QAM modems, spandsp's per-symbol QAM report (the equalised point and the decision it was
/// sliced to) feeds running averages of |target|² and |point − target|²; <see cref="SignalQualityDb"/> is their ratio in
/// dB. spandsp's FSK receiver exposes no such error, so for V.21 the estimate is NaN.
/// </para>
/// V.21 has no training: <see cref="Trained"/> follows the carrier. Not thread-safe.
/// </summary>
internal sealed unsafe class SpanDspModemReceiver : IModemReceiver
{
    /// <summary>Weight of one symbol in the running error averages (a time constant of 256 symbols).</summary>
    private const float QualityAlpha = 1f / 256;

    private readonly IModemBitSink _sink;
    private readonly CallbackFault _fault = new();
    private readonly SpanDspHandle _state;
    private GCHandle _self;
    private bool _trained;
    private float _targetPower;
    private float _errorPower;
    private int _symbolsSinceTraining;
    private bool _disposed;
    private bool _restarting;

    public SpanDspModemReceiver(ModemOptions options, IModemBitSink sink)
    {
        ModemRates.Ensure(options);
        ArgumentNullException.ThrowIfNull(sink);
        if (options.ShortTraining)
        {
            throw new NotSupportedException(
                "a fresh spandsp receiver cannot take a short training: it needs the equaliser of an earlier long training on the same receiver");
        }

        Options = options;
        _sink = sink;
        _self = GCHandle.Alloc(this);
        var user = GCHandle.ToIntPtr(_self);
        switch (options.Type)
        {
            case ModemType.V17:
                var v17 = SpanDspNative.v17_rx_init(0, options.BitRate, &OnPutBit, user);
                _state = Checked(v17, "a V.17 receiver");
                SpanDspNative.v17_rx_set_qam_report_handler(v17, &OnQamReport, user);
                break;
            case ModemType.V29:
                var v29 = SpanDspNative.v29_rx_init(0, options.BitRate, &OnPutBit, user);
                _state = Checked(v29, "a V.29 receiver");
                SpanDspNative.v29_rx_set_qam_report_handler(v29, &OnQamReport, user);
                break;
            case ModemType.V27ter:
                var v27 = SpanDspNative.v27ter_rx_init(0, options.BitRate, &OnPutBit, user);
                _state = Checked(v27, "a V.27ter receiver");
                SpanDspNative.v27ter_rx_set_qam_report_handler(v27, &OnQamReport, user);
                break;
            default:
                var fsk = SpanDspNative.fsk_rx_init(0, FskSpecs.V21Channel2, SpanDspNative.FskFrameModeSync, &OnPutBit, user);
                _state = Checked(fsk, "a V.21 receiver");
                break;
        }
    }

    public ModemOptions Options { get; }

    public bool Trained => _trained;

    public double SignalQualityDb =>
        _trained && _symbolsSinceTraining > 0 && _errorPower > 0
            ? 10 * Math.Log10(_targetPower / _errorPower)
            : double.NaN;

    /// <summary>spandsp's received signal power estimate in dBm0 (<c>v*_rx_signal_power</c>).</summary>
    public double SignalPowerDbm0
    {
        get
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return Options.Type switch
            {
                ModemType.V17 => SpanDspNative.v17_rx_signal_power((V17RxHandle)_state),
                ModemType.V29 => SpanDspNative.v29_rx_signal_power((V29RxHandle)_state),
                ModemType.V27ter => SpanDspNative.v27ter_rx_signal_power((V27terRxHandle)_state),
                _ => SpanDspNative.fsk_rx_signal_power((FskRxHandle)_state),
            };
        }
    }

    /// <summary>spandsp's tracked carrier frequency in Hz (<c>v*_rx_carrier_frequency</c>); NaN for V.21.</summary>
    public double CarrierFrequencyHz
    {
        get
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return Options.Type switch
            {
                ModemType.V17 => SpanDspNative.v17_rx_carrier_frequency((V17RxHandle)_state),
                ModemType.V29 => SpanDspNative.v29_rx_carrier_frequency((V29RxHandle)_state),
                ModemType.V27ter => SpanDspNative.v27ter_rx_carrier_frequency((V27terRxHandle)_state),
                _ => double.NaN,
            };
        }
    }

    /// <summary>
    /// Re-arms spandsp's receiver (<c>v17_rx_restart</c> with short_train, <c>v27ter_rx_restart</c> with old_train = the
    /// short training, <c>v29_rx_restart</c> without, <c>fsk_rx_restart</c>): a short training starts from the
    /// equaliser of the last training on this receiver, which is how spandsp receives one. The carrier-detect cutoff is
    /// kept. Status reports spandsp makes during the restart are not passed on.
    /// </summary>
    public void Restart(bool shortTraining)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        ModemRates.Ensure(Options with { ShortTraining = shortTraining });
        _restarting = true;
        try
        {
            int result = Options.Type switch
            {
                ModemType.V17 => SpanDspNative.v17_rx_restart((V17RxHandle)_state, Options.BitRate, shortTraining ? 1 : 0),
                ModemType.V29 => SpanDspNative.v29_rx_restart((V29RxHandle)_state, Options.BitRate, 0),
                ModemType.V27ter => SpanDspNative.v27ter_rx_restart((V27terRxHandle)_state, Options.BitRate, shortTraining ? 1 : 0),
                _ => SpanDspNative.fsk_rx_restart((FskRxHandle)_state, FskSpecs.V21Channel2, SpanDspNative.FskFrameModeSync),
            };
            if (result != 0)
            {
                throw new InvalidOperationException($"spandsp refused to restart its {Options.Type} receiver at {Options.BitRate} bit/s ({result})");
            }
        }
        finally
        {
            _restarting = false;
        }

        _trained = false;
        _fault.ThrowIfCaptured();
    }

    /// <summary>
    /// Sets spandsp's carrier-detect threshold (<c>v*_rx_signal_cutoff</c>, <c>fsk_rx_signal_cutoff</c>): on about 2.5 dB
    /// above <paramref name="dbm0"/>, off 2.5 dB below. A fresh 0.0.6 V.29 receiver starts at −28.5 dBm0 (V.29's own
    /// leased-line −26/−31 dBm0); spandsp's fax engine (<c>fax_modems.c</c>) sets −45.5 dBm0 for V.29 and V.21.
    /// </summary>
    internal void SetSignalCutoff(float dbm0)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        switch (Options.Type)
        {
            case ModemType.V17:
                SpanDspNative.v17_rx_signal_cutoff((V17RxHandle)_state, dbm0);
                break;
            case ModemType.V29:
                SpanDspNative.v29_rx_signal_cutoff((V29RxHandle)_state, dbm0);
                break;
            case ModemType.V27ter:
                SpanDspNative.v27ter_rx_signal_cutoff((V27terRxHandle)_state, dbm0);
                break;
            default:
                SpanDspNative.fsk_rx_signal_cutoff((FskRxHandle)_state, dbm0);
                break;
        }
    }

    public void Receive(ReadOnlySpan<short> frame)
    {
        AudioFrame.EnsureFrame(frame.Length, nameof(frame));
        ObjectDisposedException.ThrowIf(_disposed, this);

        // The modem receivers take const int16_t[]: the caller's frame is passed as is.
        fixed (short* amp = frame)
        {
            _ = Options.Type switch
            {
                ModemType.V17 => SpanDspNative.v17_rx((V17RxHandle)_state, amp, frame.Length),
                ModemType.V29 => SpanDspNative.v29_rx((V29RxHandle)_state, amp, frame.Length),
                ModemType.V27ter => SpanDspNative.v27ter_rx((V27terRxHandle)_state, amp, frame.Length),
                _ => SpanDspNative.fsk_rx((FskRxHandle)_state, amp, frame.Length),
            };
        }

        _fault.ThrowIfCaptured();
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _state.Dispose();
        if (_self.IsAllocated)
        {
            _self.Free();
        }
    }

    /// <summary>Maps a <c>SIG_STATUS_*</c> code to the engine-neutral status, or null for codes not passed on.</summary>
    internal static ModemStatus? ToStatus(int code) => code switch
    {
        SpanDspNative.SigStatusCarrierUp => ModemStatus.CarrierUp,
        SpanDspNative.SigStatusCarrierDown => ModemStatus.CarrierDown,
        SpanDspNative.SigStatusTrainingInProgress => ModemStatus.TrainingInProgress,
        SpanDspNative.SigStatusTrainingSucceeded => ModemStatus.TrainingSucceeded,
        SpanDspNative.SigStatusTrainingFailed => ModemStatus.TrainingFailed,
        _ => null,
    };

    private SpanDspHandle Checked(SpanDspHandle state, string what)
    {
        if (state.IsInvalid)
        {
            _self.Free();
            state.EnsureValid(what);
        }

        return state;
    }

    private void OnStatus(ModemStatus status)
    {
        if (_restarting)
        {
            return;
        }

        switch (status)
        {
            case ModemStatus.CarrierUp when Options.Type == ModemType.V21:
            case ModemStatus.TrainingSucceeded:
                _trained = true;
                _targetPower = 0;
                _errorPower = 0;
                _symbolsSinceTraining = 0;
                break;
            case ModemStatus.CarrierDown:
            case ModemStatus.TrainingFailed:
            case ModemStatus.TrainingInProgress:
                _trained = false;
                break;
        }

        _sink.OnStatus(status);
    }

    [UnmanagedCallersOnly(CallConvs = new[] { typeof(CallConvCdecl) })]
    private static void OnPutBit(nint userData, int bit)
    {
        if (GCHandle.FromIntPtr(userData).Target is not SpanDspModemReceiver self)
        {
            return;
        }

        try
        {
            if (bit >= 0)
            {
                self._sink.PutBit(bit & 1);
            }
            else if (ToStatus(bit) is { } status)
            {
                self.OnStatus(status);
            }
        }
        catch (Exception ex)
        {
            self._fault.Capture(ex);
        }
    }

    [UnmanagedCallersOnly(CallConvs = new[] { typeof(CallConvCdecl) })]
    private static void OnQamReport(nint userData, ComplexF* constel, ComplexF* target, int symbol)
    {
        if (constel == null || target == null || GCHandle.FromIntPtr(userData).Target is not SpanDspModemReceiver self || !self._trained)
        {
            return;
        }

        var re = constel->Re - target->Re;
        var im = constel->Im - target->Im;
        var error = (re * re) + (im * im);
        var power = (target->Re * target->Re) + (target->Im * target->Im);
        if (self._symbolsSinceTraining++ == 0)
        {
            self._targetPower = power;
            self._errorPower = error;
        }
        else
        {
            self._targetPower += (power - self._targetPower) * QualityAlpha;
            self._errorPower += (error - self._errorPower) * QualityAlpha;
        }
    }
}
