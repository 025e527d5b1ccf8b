using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using FaxBox.Core;
using FaxBox.Fax.Modems;
using FaxBox.Fax.SpanDsp.Handles;
using FaxBox.Fax.SpanDsp.Interop;

namespace FaxBox.Fax.SpanDsp.Modems;

/// <summary>
/// A transmitter on one of libspandsp's own modems (<c>v17_tx</c>, <c>v29_tx</c>, <c>v27ter_tx</c>, <c>fsk_tx</c> with
/// V.21 channel 2). Training (or nothing, for V.21) is sent first, then bits from the source; when the source returns
/// <see cref="IModemBitSource.EndOfData"/> the modem sends its closing sequence and stops. No echo-protection tone
/// (TEP) is sent. Not thread-safe; bits are pulled synchronously inside <see cref="Transmit"/>.
/// </summary>
internal sealed unsafe class SpanDspModemTransmitter : IModemTransmitter
{
    private readonly IModemBitSource _source;
    private readonly CallbackFault _fault = new();
    private readonly SpanDspHandle _state;
    private GCHandle _self;
    private bool _finished;
    private bool _disposed;

    public SpanDspModemTransmitter(ModemOptions options, IModemBitSource source)
    {
        ModemRates.Ensure(options);
        ArgumentNullException.ThrowIfNull(source);
        if (options.ShortTraining && options.Type == ModemType.V27ter)
        {
            throw new NotSupportedException("libspandsp 0.0.6's V.27ter transmitter has no short training (v27ter_tx_restart takes none)");
        }

        Options = options;
        _source = source;
        _self = GCHandle.Alloc(this);
        var user = GCHandle.ToIntPtr(_self);
        var level = (float)options.LevelDbm0;
        switch (options.Type)
        {
            case ModemType.V17:
                var v17 = SpanDspNative.v17_tx_init(0, options.BitRate, 0, &NextBit, user);
                _state = Checked(v17, "a V.17 transmitter");
                if (options.ShortTraining)
                {
                    SpanDspNative.v17_tx_restart(v17, options.BitRate, 0, 1);
                }

                SpanDspNative.v17_tx_power(v17, level);
                break;
            case ModemType.V29:
                var v29 = SpanDspNative.v29_tx_init(0, options.BitRate, 0, &NextBit, user);
                _state = Checked(v29, "a V.29 transmitter");
                SpanDspNative.v29_tx_power(v29, level);
                break;
            case ModemType.V27ter:
                var v27 = SpanDspNative.v27ter_tx_init(0, options.BitRate, 0, &NextBit, user);
                _state = Checked(v27, "a V.27ter transmitter");
                SpanDspNative.v27ter_tx_power(v27, level);
                break;
            default:
                var fsk = SpanDspNative.fsk_tx_init(0, FskSpecs.V21Channel2, &NextBit, user);
                _state = Checked(fsk, "a V.21 transmitter");
                SpanDspNative.fsk_tx_power(fsk, level);
                break;
        }
    }

    public ModemOptions Options { get; }

    public bool Finished => _finished;

    public int Transmit(Span<short> frame)
    {
        AudioFrame.EnsureFrame(frame.Length, nameof(frame));
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_finished)
        {
            frame.Clear();
            return 0;
        }

        int produced;
        fixed (short* amp = frame)
        {
            produced = Options.Type switch
            {
                ModemType.V17 => SpanDspNative.v17_tx((V17TxHandle)_state, amp, frame.Length),
                ModemType.V29 => SpanDspNative.v29_tx((V29TxHandle)_state, amp, frame.Length),
                ModemType.V27ter => SpanDspNative.v27ter_tx((V27terTxHandle)_state, amp, frame.Length),
                _ => SpanDspNative.fsk_tx((FskTxHandle)_state, amp, frame.Length),
            };
        }

        _fault.ThrowIfCaptured();
        produced = Math.Clamp(produced, 0, frame.Length);
        if (produced < frame.Length)
        {
            // spandsp returns a short block once the closing sequence has been sent.
            frame[produced..].Clear();
            _finished = true;
        }

        return produced;
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

    private SpanDspHandle Checked(SpanDspHandle state, string what)
    {
        if (state.IsInvalid)
        {
            _self.Free();
            state.EnsureValid(what);
        }

        return state;
    }

    [UnmanagedCallersOnly(CallConvs = new[] { typeof(CallConvCdecl) })]
    private static int NextBit(nint userData)
    {
        if (GCHandle.FromIntPtr(userData).Target is not SpanDspModemTransmitter self)
        {
            return SpanDspNative.SigStatusEndOfData;
        }

        try
        {
            var bit = self._source.GetBit();
            return bit < 0 ? SpanDspNative.SigStatusEndOfData : bit & 1;
        }
        catch (Exception ex)
        {
            self._fault.Capture(ex);
            return SpanDspNative.SigStatusEndOfData;
        }
    }
}
