using FaxBox.Core;
using FaxBox.Fax;
using FaxBox.Fax.CallerId;
using FaxBox.Fax.Tones;
using FaxBox.LineInterface.Regions;
using FaxBox.LineInterface.Signalling;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace FaxBox.LineInterface.Ports;

/// <summary>
/// The FXS signalling shared by every FXS line circuit: ring cadence, caller-ID sequencing, tone plan, hook debounce,
/// flash and pulse-digit recognition and DTMF reception (on the fax engine's receiver). Everything chip-specific sits
/// behind <see cref="IFxsHardware"/>: a SLIC driver and the simulator's loop both plug in there.
/// Call <see cref="OnTick"/> once per 20 ms media tick.
/// </summary>
public sealed partial class FxsPort : IFxsPort, IDisposable
{
    // EN 300 659-1 §6.1 / BT SIN 227 sequence timing for caller ID before the first ring.
    private static readonly int ReversalTicks = Ticks.Of(120);
    private static readonly int DtasTicks = Ticks.Of(100);
    private static readonly int DtasGapTicks = Ticks.Of(60);
    private static readonly int RingPulseTicks = Ticks.Of(250);
    private static readonly int RingPulseGapTicks = Ticks.Of(600);
    private static readonly int LineReversalOnlyTicks = Ticks.Of(250);
    private static readonly int PostDataTicks = Ticks.Of(300);

    // GR-30-CORE §3: data starts at least 500 ms after the first ring ends.
    private static readonly int AfterFirstRingDelayTicks = Ticks.Of(500);

    private readonly IFxsHardware _hardware;
    private readonly HookMonitor _hook;
    private readonly IDtmfReceiver _dtmf;
    private readonly ICallerIdGenerator _callerId;
    private readonly ToneGenerator _dtas;
    private readonly ToneGenerator[] _tones;
    private readonly FxsPortOptions _options;
    private readonly ILogger _logger;
    private readonly short[] _rx = new short[AudioFrame.Samples];
    private readonly short[] _tx = new short[AudioFrame.Samples];
    private long _ticks;
    private FxsLinefeed _linefeed;
    private RingPhase _phase;
    private int _phaseTicks;
    private long _ringTicks;
    /// <summary>Caller ID after the first ring: 0 none, 1 first ring on, 2 waiting 500 ms, 3 data, 4 after the data.</summary>
    private int _afterFirstRingState;
    private int _afterFirstRingTicks;
    private bool _ringOnNow;
    private bool _disposed;
    private bool _faulted;

    /// <summary>Creates a port over a line circuit; the line starts idle with forward battery.</summary>
    /// <param name="name">A short name ("fxs0").</param>
    /// <param name="hardware">The line circuit.</param>
    /// <param name="region">Tone plan, ring cadence and caller ID.</param>
    /// <param name="engine">The fax engine providing the DTMF receiver and the caller-ID generator.</param>
    /// <param name="options">Hook timing; default <see cref="FxsPortOptions"/>.</param>
    /// <param name="logger">Hook, ring, digit, caller-ID, tone and fault events; default none.</param>
    public FxsPort(string name, IFxsHardware hardware, LineRegion region, IFaxEngine engine, FxsPortOptions? options = null, ILogger? logger = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(hardware);
        ArgumentNullException.ThrowIfNull(region);
        ArgumentNullException.ThrowIfNull(engine);
        _options = options ?? new FxsPortOptions();
        _options.Validate();
        Name = name;
        Region = region;
        _logger = logger ?? NullLogger.Instance;
        _hardware = hardware;
        _hook = new HookMonitor(_options);
        _dtmf = engine.CreateDtmfReceiver();
        _dtmf.DigitReceived += OnDtmfDigit;
        _callerId = engine.CreateCallerIdGenerator(region.CallerId.Standard);

        // DT-AS: 2130 Hz + 2750 Hz (EN 300 659-1 §6.1.2.1, BT SIN 227), sent for DtasTicks.
        _dtas = new ToneGenerator(new ToneSpec([2130, 2750], -16, Cadence.Continuous));
        _tones =
        [
            new ToneGenerator(region.Dial),
            new ToneGenerator(region.Ringback),
            new ToneGenerator(region.Busy),
            new ToneGenerator(region.Congestion),
            new ToneGenerator(region.Sit),
        ];
        _linefeed = FxsLinefeed.ForwardActive;
        _hardware.SetLinefeed(_linefeed);
    }

    public string Name { get; }

    public LineRegion Region { get; }

    public TimeSpan Now => Ticks.ToTime(_ticks);

    public ILineAudio? Audio { get; set; }

    public HookState Hook => _hook.State;

    public bool IsRinging => _phase != RingPhase.Idle;

    public CallProgressTone Tone { get; private set; }

    public LinePolarity Polarity { get; private set; }

    public bool BatteryFed { get; private set; } = true;

    /// <summary>The linefeed state applied now (for status and tests).</summary>
    public FxsLinefeed Linefeed => _linefeed;

    public bool DigitDetection { get; set; } = true;

    public event EventHandler<HookChange>? HookChanged;

    public event EventHandler<TimeSpan>? HookFlash;

    public event EventHandler<DialledDigit>? DigitReceived;

    public void Ring(CallerIdMessage? callerId = null)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (Hook == HookState.OffHook)
        {
            LogRingRefused(_logger, Name);
            throw new InvalidOperationException($"{Name}: cannot ring, the terminal is off-hook");
        }

        LogRing(_logger, Name, Region.Code, callerId is null ? "none" : callerId.Number ?? "(withheld)", Region.CallerId.Alerting);
        DrainCallerId();
        _ringTicks = 0;
        _afterFirstRingState = 0;
        if (callerId is null)
        {
            Enter(RingPhase.Ringing, 0);
            return;
        }

        _callerId.Enqueue(callerId);
        switch (Region.CallerId.Alerting)
        {
            case CallerIdAlerting.AfterFirstRing:
                _afterFirstRingState = 1;
                Enter(RingPhase.Ringing, 0);
                break;
            case CallerIdAlerting.RingPulse:
                Enter(RingPhase.Alert, RingPulseTicks);
                break;
            case CallerIdAlerting.LineReversalDtas:
                Enter(RingPhase.Reversal, ReversalTicks);
                break;
            default:
                Enter(RingPhase.Reversal, LineReversalOnlyTicks);
                break;
        }
    }

    public void StopRinging()
    {
        if (_phase == RingPhase.Idle)
        {
            return;
        }

        LogRingStopped(_logger, Name);
        DrainCallerId();
        Enter(RingPhase.Idle, 0);
        ApplyLinefeed();
    }

    public void PlayTone(CallProgressTone tone)
    {
        if (!Enum.IsDefined(tone))
        {
            throw new ArgumentOutOfRangeException(nameof(tone), tone, "not a call-progress tone");
        }

        if (tone != Tone)
        {
            LogTone(_logger, Name, tone);
        }

        Tone = tone;
        if (tone != CallProgressTone.None)
        {
            _tones[(int)tone - 1].Restart();
        }
    }

    public void SetPolarity(LinePolarity polarity)
    {
        if (polarity != Polarity)
        {
            LogFeed(_logger, Name, BatteryFed ? "fed" : "removed", polarity);
        }

        Polarity = polarity;
        ApplyLinefeed();
    }

    public void SetBattery(bool fed)
    {
        if (fed != BatteryFed)
        {
            LogFeed(_logger, Name, fed ? "fed" : "removed", Polarity);
        }

        BatteryFed = fed;
        ApplyLinefeed();
    }

    /// <summary>
    /// Media thread: on-hook and settled, not ringing or sending caller ID, no tone: the port has nothing to do on a tick
    /// until its loop closes or call control rings it (the simulator parks the media clock on this; a hardware port's
    /// loop closure has no wake-up yet, so hardware boards do not park).
    /// </summary>
    internal bool IsQuiet => !_disposed && _hook.IsSettledOnHook && _phase == RingPhase.Idle && Tone == CallProgressTone.None;

    public void OnTick(in MediaTick tick)
    {
        if (_disposed)
        {
            return;
        }

        _ticks++;
        try
        {
            SampleHook();
            _hardware.ReadFrame(_rx);
            if (Hook == HookState.OffHook && DigitDetection)
            {
                _dtmf.Process(_rx);
            }

            Array.Clear(_tx);
            Audio?.Exchange(_rx, _tx);
            if (Tone != CallProgressTone.None)
            {
                _tones[(int)Tone - 1].Generate(_tx);
            }

            AdvanceRinging();
            _hardware.WriteFrame(_tx);
            ApplyLinefeed();
        }
        catch (Exception e) when (e is IOException or InvalidOperationException or TimeoutException or UnauthorizedAccessException)
        {
            // A line-circuit fault (SPI, PCM) is logged once, not every frame; the caller decides what to do with it.
            if (!_faulted)
            {
                _faulted = true;
                LogHardwareFailed(_logger, Name, e);
            }

            throw;
        }

        if (_faulted)
        {
            _faulted = false;
            LogHardwareRecovered(_logger, Name);
        }
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _dtmf.DigitReceived -= OnDtmfDigit;
        _dtmf.Dispose();
        _callerId.Dispose();
    }

    private void SampleHook()
    {
        switch (_hook.Sample(_hardware.IsLoopClosed))
        {
            case HookSignal.OffHook:
                if (_phase != RingPhase.Idle)
                {
                    // Ring trip: the terminal answered.
                    LogRingTrip(_logger, Name, Ticks.ToTime(_ringTicks).TotalSeconds);
                    DrainCallerId();
                    Enter(RingPhase.Idle, 0);
                }

                ApplyLinefeed();
                LogHook(_logger, Name, HookState.OffHook);
                HookChanged?.Invoke(this, new HookChange(HookState.OffHook, Now));
                break;
            case HookSignal.OnHook:
                Tone = CallProgressTone.None;
                LogHook(_logger, Name, HookState.OnHook);
                HookChanged?.Invoke(this, new HookChange(HookState.OnHook, Now));
                break;
            case HookSignal.Flash:
                LogFlash(_logger, Name);
                HookFlash?.Invoke(this, Now);
                break;
            case HookSignal.PulseDigit:
                if (_hook.TakePulseDigit() is { } digit)
                {
                    Digit(digit, DialMethod.Pulse);
                }

                break;
        }
    }

    private void OnDtmfDigit(object? sender, char digit) => Digit(digit, DialMethod.Dtmf);

    private void Digit(char digit, DialMethod method)
    {
        if (_options.StopDialToneOnFirstDigit && Tone == CallProgressTone.Dial)
        {
            Tone = CallProgressTone.None;
        }

        LogDigit(_logger, Name, digit, method);
        DigitReceived?.Invoke(this, new DialledDigit(digit, method, Now));
    }

    private void AdvanceRinging()
    {
        switch (_phase)
        {
            case RingPhase.Idle:
                return;
            case RingPhase.Alert when Region.CallerId.Alerting == CallerIdAlerting.LineReversalDtas:
                _dtas.Generate(_tx);
                break;
            case RingPhase.Data:
                _callerId.Generate(_tx);
                if (_callerId.IsIdle)
                {
                    LogCallerIdSent(_logger, Name);
                    Enter(RingPhase.PostData, PostDataTicks);
                }

                return;
            case RingPhase.Ringing:
                AdvanceCadence();
                return;
        }

        if (--_phaseTicks > 0)
        {
            return;
        }

        switch (_phase)
        {
            case RingPhase.Reversal when Region.CallerId.Alerting == CallerIdAlerting.LineReversalDtas:
                _dtas.Restart();
                Enter(RingPhase.Alert, DtasTicks);
                break;
            case RingPhase.Reversal:
                Enter(RingPhase.Data, 0);
                break;
            case RingPhase.Alert:
                Enter(RingPhase.AlertGap, Region.CallerId.Alerting == CallerIdAlerting.RingPulse ? RingPulseGapTicks : DtasGapTicks);
                break;
            case RingPhase.AlertGap:
                Enter(RingPhase.Data, 0);
                break;
            case RingPhase.PostData:
                Enter(RingPhase.Ringing, 0);
                break;
        }
    }

    private void AdvanceCadence()
    {
        var on = RingIsOn();
        _ringOnNow = on;
        switch (_afterFirstRingState)
        {
            case 1 when !on:
                _afterFirstRingState = 2;
                _afterFirstRingTicks = AfterFirstRingDelayTicks;
                break;
            case 2 when --_afterFirstRingTicks <= 0:
                _afterFirstRingState = 3;
                break;
            case 3:
                _callerId.Generate(_tx);
                if (_callerId.IsIdle)
                {
                    // Keep on-hook transmission a little longer so that the last frame of data reaches the line.
                    LogCallerIdSent(_logger, Name);
                    _afterFirstRingState = 4;
                    _afterFirstRingTicks = PostDataTicks;
                }

                break;
            case 4 when --_afterFirstRingTicks <= 0:
                _afterFirstRingState = 0;
                break;
        }

        _ringTicks++;
    }

    private bool RingIsOn() =>
        _afterFirstRingState < 3 && Region.Ring.Cadence.IsOnAt(_ringTicks * AudioFrame.Milliseconds);

    private void Enter(RingPhase phase, int ticks)
    {
        _ringOnNow = false;
        _phase = phase;
        _phaseTicks = ticks;
    }

    private void ApplyLinefeed()
    {
        var wanted = WantedLinefeed();
        if (wanted != _linefeed)
        {
            _linefeed = wanted;
            LogLinefeed(_logger, Name, wanted);
            _hardware.SetLinefeed(wanted);
        }
    }

    private FxsLinefeed WantedLinefeed()
    {
        if (!BatteryFed)
        {
            return FxsLinefeed.Open;
        }

        var reversed = Polarity == LinePolarity.Reverse;
        switch (_phase)
        {
            case RingPhase.Ringing when _ringOnNow && _afterFirstRingState < 3:
            case RingPhase.Alert when Region.CallerId.Alerting == CallerIdAlerting.RingPulse:
                return FxsLinefeed.Ringing;
            case RingPhase.Ringing when _afterFirstRingState >= 3:
                return reversed ? FxsLinefeed.ReverseOnHookTransmission : FxsLinefeed.ForwardOnHookTransmission;
            case RingPhase.Reversal or RingPhase.Alert or RingPhase.AlertGap or RingPhase.Data or RingPhase.PostData:
                // Caller ID before the first ring: on-hook transmission, reversed when the alerting reverses the line.
                var reverse = Region.CallerId.Alerting is CallerIdAlerting.LineReversal or CallerIdAlerting.LineReversalDtas ? !reversed : reversed;
                return reverse ? FxsLinefeed.ReverseOnHookTransmission : FxsLinefeed.ForwardOnHookTransmission;
            default:
                return reversed ? FxsLinefeed.ReverseActive : FxsLinefeed.ForwardActive;
        }
    }

    private void DrainCallerId()
    {
        // Drop a message still queued or in flight: run the generator into a scratch frame until idle (bounded).
        for (var i = 0; i < 500 && !_callerId.IsIdle; i++)
        {
            _callerId.Generate(_rx);
        }

        _afterFirstRingState = 0;
    }
}
