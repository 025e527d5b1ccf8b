using FaxBox.Core;
using FaxBox.Fax;
using FaxBox.Fax.CallerId;
using FaxBox.LineInterface.Ports;
using FaxBox.LineInterface.Regions;
using FaxBox.LineInterface.Signalling;

namespace FaxBox.LineInterface.Simulated;

/// <summary>
/// A telephone on the subscriber end of a loop, driven per media tick: it goes off- and on-hook, dials DTMF (with the
/// fax engine's generator) or pulses, flashes, counts rings, reads on-hook caller ID (the engine's receiver), classifies
/// the call-progress tones it hears, and notices the loop current dropping. Optionally it answers by itself. Its audio can
/// be supplied by an <see cref="ILineAudio"/> (the virtual fax machine is a phone with a fax terminal as its audio).
/// </summary>
public sealed class VirtualPhone : IMediaParkingHandler, IDisposable
{
    private static readonly int LoopDropTicks = Ticks.Of(300);
    private readonly IFxoHardware _line;
    private readonly Dialler _dialler;
    private readonly ICallerIdReceiver _callerId;
    private readonly CallProgressToneDetector _tones;
    private readonly RingCadenceDetector _rings;
    private readonly short[] _rx = new short[AudioFrame.Samples];
    private readonly short[] _tx = new short[AudioFrame.Samples];
    private readonly List<CallProgressTone> _heard = [];
    private readonly List<CallerIdMessage> _callerIds = [];
    private bool _loopClosed;
    private int _flashTicks;
    private int _dropTicks;
    private double _lastVolts;
    private long _ticks;
    private bool _dialledOnTone;

    /// <summary>Creates an on-hook phone on <paramref name="line"/>.</summary>
    public VirtualPhone(string name, IFxoHardware line, LineRegion region, IFaxEngine engine, DialTiming? timing = null)
    {
        ArgumentNullException.ThrowIfNull(line);
        ArgumentNullException.ThrowIfNull(region);
        ArgumentNullException.ThrowIfNull(engine);
        Name = name;
        Region = region;
        _line = line;
        _dialler = new Dialler(engine.CreateDtmfGenerator(), timing ?? new DialTiming());
        _callerId = engine.CreateCallerIdReceiver(region.CallerId.Standard);
        _callerId.MessageReceived += (_, m) => _callerIds.Add(m);
        _tones = new CallProgressToneDetector(region);
        _tones.Changed += (_, t) =>
        {
            if (t != CallProgressTone.None)
            {
                _heard.Add(t);
            }
        };
        var options = new FxoPortOptions();
        _rings = new RingCadenceDetector(Ticks.Of(options.RingMinimum), Ticks.Of(options.RingCycleGap), Ticks.Of(TimeSpan.FromSeconds(8)));
        _line.SetOffHook(false);
    }

    /// <summary>The phone's name.</summary>
    public string Name { get; }

    /// <summary>The region whose tones the phone recognises.</summary>
    public LineRegion Region { get; }

    /// <summary>Audio the phone sends while off-hook (and hears); null for silence.</summary>
    public ILineAudio? Audio { get; set; }

    /// <summary>Answer by itself after this many ring cycles; null to leave it to the script. Default null.</summary>
    public int? AutoAnswerAfterRings { get; set; }

    /// <summary>Digits to dial by themselves when dial tone is heard after lifting the handset; null for none. Default null.</summary>
    public string? DialOnDialTone { get; set; }

    /// <summary>How <see cref="DialOnDialTone"/> is dialled. Default DTMF.</summary>
    public DialMethod DialOnDialToneMethod { get; set; } = DialMethod.Dtmf;

    /// <summary>Whether the handset is lifted.</summary>
    public bool IsOffHook { get; private set; }

    /// <summary>True while digits are still being dialled.</summary>
    public bool IsDialling => !_dialler.IsIdle;

    /// <summary>The call-progress tone heard now.</summary>
    public CallProgressTone HeardTone => _tones.Current;

    /// <summary>Every tone recognised since the last off-hook, in order.</summary>
    public IReadOnlyList<CallProgressTone> TonesHeard => _heard;

    /// <summary>Every caller-ID message received on-hook.</summary>
    public IReadOnlyList<CallerIdMessage> CallerIds => _callerIds;

    /// <summary>Ring cycles of the current ringing (reset when answered).</summary>
    public int Rings { get; private set; }

    /// <summary>Times the line polarity reversed (in either state).</summary>
    public int PolarityReversals { get; private set; }

    /// <summary>True once the loop current dropped for 300 ms while off-hook (the far end cleared); reset by off-hook.</summary>
    public bool LoopCurrentDropped { get; private set; }

    /// <summary>Phone time: ticks × 20 ms.</summary>
    public TimeSpan Now => Ticks.ToTime(_ticks);

    /// <summary>Lifts the handset (answers when ringing).</summary>
    public void OffHook()
    {
        IsOffHook = true;
        _dialledOnTone = false;
        LoopCurrentDropped = false;
        _dropTicks = 0;
        _heard.Clear();
        _tones.Reset();
        _rings.Reset();
        SetLoop(true);
    }

    /// <summary>Hangs up.</summary>
    public void OnHook()
    {
        IsOffHook = false;
        _dialler.Clear();
        SetLoop(false);
    }

    /// <summary>Dials digits (',' pauses 2 s); the handset must be lifted.</summary>
    public void Dial(string digits, DialMethod method)
    {
        if (!IsOffHook)
        {
            throw new InvalidOperationException($"{Name}: lift the handset before dialling");
        }

        _dialler.Enqueue(digits, method);
    }

    /// <summary>Breaks the loop for <paramref name="duration"/> (register recall).</summary>
    public void Flash(TimeSpan duration) => _flashTicks = Ticks.Of(duration, minimum: 1);

    /// <summary>On-hook, not dialling, no ringing being counted: the phone does nothing until its line rings.</summary>
    public bool CanPark => !IsOffHook && _dialler.IsIdle && _rings.IsIdle;

    public void OnTick(in MediaTick tick)
    {
        _ticks++;
        var volts = _line.LineVolts;
        if (Math.Abs(volts) > 2 && Math.Abs(_lastVolts) > 2 && Math.Sign(volts) != Math.Sign(_lastVolts))
        {
            PolarityReversals++;
        }

        if (Math.Abs(volts) > 2)
        {
            _lastVolts = volts;
        }

        if (!IsOffHook && _rings.Sample(_line.IsRingSignalPresent) == 1)
        {
            Rings = _rings.Count;
            if (AutoAnswerAfterRings is { } n && Rings >= n)
            {
                OffHook();
            }
        }

        _line.ReadFrame(_rx);
        if (IsOffHook)
        {
            _tones.Process(_rx);
        }
        else
        {
            _callerId.Process(_rx);
        }

        if (IsOffHook && !_dialledOnTone && DialOnDialTone is { } digits && HeardTone == CallProgressTone.Dial)
        {
            _dialledOnTone = true;
            _dialler.Enqueue(digits, DialOnDialToneMethod);
        }

        Array.Clear(_tx);
        if (IsOffHook)
        {
            Audio?.Exchange(_rx, _tx);
            var closed = _dialler.Tick(_tx);
            if (_flashTicks > 0)
            {
                _flashTicks--;
                closed = false;
            }

            SetLoop(closed);
            WatchLoopCurrent(closed);
        }

        _line.WriteFrame(_tx);
    }

    public void Dispose()
    {
        _dialler.Dispose();
        _callerId.Dispose();
    }

    private void WatchLoopCurrent(bool closed)
    {
        if (!closed || _dialler.IsPulsing)
        {
            _dropTicks = 0;
            return;
        }

        _dropTicks = _line.LoopCurrentMilliamps < 5 ? _dropTicks + 1 : 0;
        if (_dropTicks >= LoopDropTicks)
        {
            LoopCurrentDropped = true;
        }
    }

    private void SetLoop(bool closed)
    {
        if (closed != _loopClosed)
        {
            _loopClosed = closed;
            _line.SetOffHook(closed);
        }
    }
}
