using FaxBox.Core;
using FaxBox.Fax;
using FaxBox.Fax.CallerId;
using FaxBox.LineInterface.Regions;
using FaxBox.LineInterface.Signalling;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace FaxBox.LineInterface.Ports;

/// <summary>
/// The FXO signalling shared by every FXO line interface: ring-cadence recognition, on-hook caller-ID capture (the fax
/// engine's receiver), DTMF and pulse dialling, call-progress tone recognition and disconnect supervision. Everything
/// chip-specific sits behind <see cref="IFxoHardware"/>: a DAA driver and the simulator's loop both plug in there.
/// Call <see cref="OnTick"/> once per 20 ms media tick.
/// </summary>
public sealed partial class FxoPort : IFxoPort, IDisposable
{
    /// <summary>Below this TIP-RING voltage the polarity is not judged (an open or collapsing line).</summary>
    private const double PolarityVoltsMinimum = 2.0;

    private readonly IFxoHardware _hardware;
    private readonly FxoPortOptions _options;
    private readonly ILogger _logger;
    private readonly ICallerIdReceiver _callerId;
    private readonly CallProgressToneDetector _tones;
    private readonly Dialler _dialler;
    private readonly short[] _rx = new short[AudioFrame.Samples];
    private readonly short[] _tx = new short[AudioFrame.Samples];
    private readonly RingCadenceDetector _rings;
    private readonly int _dropTicks;
    private readonly int _holdoffTicks;
    private long _ticks;
    private bool _loopClosed;
    private int _currentDrop;
    private int _holdoff;
    private bool _answered;
    private bool _disconnected;
    private bool _polarityKnown;
    private bool _disposed;
    private bool _faulted;

    /// <summary>Creates a port over a line interface; the port starts on-hook with the line monitor on.</summary>
    /// <param name="name">A short name ("fxo0").</param>
    /// <param name="hardware">The line interface.</param>
    /// <param name="region">Tone plan, ring cadence and caller ID.</param>
    /// <param name="engine">The fax engine providing the caller-ID receiver and the DTMF generator.</param>
    /// <param name="options">Timing and supervision; default <see cref="FxoPortOptions"/>.</param>
    /// <param name="logger">Ring, caller-ID, seize/release, dialling, clear and fault events; default none.</param>
    public FxoPort(string name, IFxoHardware hardware, LineRegion region, IFaxEngine engine, FxoPortOptions? options = null, ILogger? logger = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(hardware);
        ArgumentNullException.ThrowIfNull(region);
        ArgumentNullException.ThrowIfNull(engine);
        _options = options ?? new FxoPortOptions();
        Name = name;
        Region = region;
        _logger = logger ?? NullLogger.Instance;
        _hardware = hardware;
        _callerId = engine.CreateCallerIdReceiver(region.CallerId.Standard);
        _callerId.MessageReceived += OnCallerId;
        _tones = new CallProgressToneDetector(region);
        _tones.Changed += OnTone;
        _dialler = new Dialler(engine.CreateDtmfGenerator(), _options.Dialling);
        var longestRingSilence = region.Ring.Cadence.OnOffMilliseconds.Where((_, i) => i % 2 == 1).Max();
        _rings = new RingCadenceDetector(
            Ticks.Of(_options.RingMinimum, minimum: 1),
            Ticks.Of(_options.RingCycleGap, minimum: 1),
            Ticks.Of(TimeSpan.FromMilliseconds(longestRingSilence) + _options.RingingStoppedMargin, minimum: 1));
        _dropTicks = Ticks.Of(_options.LoopCurrentDropMinimum, minimum: 1);
        _holdoffTicks = Ticks.Of(_options.SupervisionHoldoff);
        _hardware.SetOffHook(false);
        _hardware.SetOnHookMonitor(true);
    }

    public string Name { get; }

    public LineRegion Region { get; }

    public TimeSpan Now => Ticks.ToTime(_ticks);

    public ILineAudio? Audio { get; set; }

    public bool IsOffHook { get; private set; }

    public bool IsDialling => !_dialler.IsIdle;

    public LinePolarity Polarity { get; private set; }

    public CallProgressTone HeardTone => _tones.Current;

    public event EventHandler<FxoRing>? Ring;

    public event EventHandler<TimeSpan>? RingingStopped;

    public event EventHandler<CallerIdMessage>? CallerIdReceived;

    public event EventHandler<LinePolarity>? PolarityChanged;

    public event EventHandler<CallProgressTone>? ToneChanged;

    public event EventHandler<FxoDisconnect>? Disconnected;

    public void Seize()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        LogSeized(_logger, Name);
        IsOffHook = true;
        _rings.Reset();
        _answered = false;
        _disconnected = false;
        _currentDrop = 0;
        _holdoff = _holdoffTicks;
        _tones.Reset();
        _hardware.SetOnHookMonitor(false);
        SetLoop(true);
    }

    public void Release()
    {
        if (IsOffHook)
        {
            LogReleased(_logger, Name);
        }

        IsOffHook = false;
        _dialler.Clear();
        SetLoop(false);
        _hardware.SetOnHookMonitor(true);
    }

    public void Dial(string digits, DialMethod method)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (!IsOffHook)
        {
            LogDialRefused(_logger, Name);
            throw new InvalidOperationException($"{Name}: cannot dial on-hook; Seize() first");
        }

        LogDialling(_logger, Name, digits, method);
        _dialler.Enqueue(digits, method);
    }

    /// <summary>
    /// Media thread: on-hook, no ringing being counted or timed out, nothing to dial: the port has nothing to do on a tick
    /// until the line rings or call control seizes it (see <see cref="FxsPort.IsQuiet"/>).
    /// </summary>
    internal bool IsQuiet => !_disposed && !IsOffHook && _rings.IsIdle && _dialler.IsIdle;

    public void OnTick(in MediaTick tick)
    {
        if (_disposed)
        {
            return;
        }

        _ticks++;
        try
        {
            SensePolarity();
            if (!IsOffHook)
            {
                SenseRinging();
            }

            _hardware.ReadFrame(_rx);
            if (IsOffHook)
            {
                _tones.Process(_rx);
            }
            else
            {
                _callerId.Process(_rx);
            }

            Array.Clear(_tx);
            Audio?.Exchange(_rx, _tx);
            if (IsOffHook)
            {
                var closed = _dialler.Tick(_tx);
                SetLoop(closed);
                if (_dialler.IsPulsing)
                {
                    _holdoff = _holdoffTicks;
                }

                SuperviseLoopCurrent();
            }

            _hardware.WriteFrame(_tx);
        }
        catch (Exception e) when (e is IOException or InvalidOperationException or TimeoutException or UnauthorizedAccessException)
        {
            // A DAA fault (SPI, PCM) is logged once, not every frame; the caller decides what to do with it.
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
        _callerId.MessageReceived -= OnCallerId;
        _callerId.Dispose();
        _dialler.Dispose();
    }

    private void SetLoop(bool closed)
    {
        if (closed != _loopClosed)
        {
            _loopClosed = closed;
            _hardware.SetOffHook(closed);
        }
    }

    private void SensePolarity()
    {
        var volts = _hardware.LineVolts;
        if (Math.Abs(volts) < PolarityVoltsMinimum)
        {
            return;
        }

        var polarity = volts > 0 ? LinePolarity.Forward : LinePolarity.Reverse;
        if (!_polarityKnown)
        {
            _polarityKnown = true;
            Polarity = polarity;
            return;
        }

        if (polarity == Polarity)
        {
            return;
        }

        Polarity = polarity;
        LogPolarity(_logger, Name, polarity);
        PolarityChanged?.Invoke(this, polarity);
        if (IsOffHook && _options.DisconnectOnPolarityReversal && _holdoff == 0 && !_dialler.IsPulsing)
        {
            if (_options.FirstReversalIsAnswer && !_answered)
            {
                _answered = true;
            }
            else
            {
                Disconnect(FxoDisconnectReason.PolarityReversal);
            }
        }
    }

    private void SenseRinging()
    {
        switch (_rings.Sample(_hardware.IsRingSignalPresent))
        {
            case 1:
                LogRing(_logger, Name, _rings.Count);
                Ring?.Invoke(this, new FxoRing(_rings.Count, Now));
                break;
            case -1:
                LogRingingStopped(_logger, Name);
                RingingStopped?.Invoke(this, Now);
                break;
        }
    }

    private void SuperviseLoopCurrent()
    {
        if (_holdoff > 0)
        {
            _holdoff--;
            _currentDrop = 0;
            return;
        }

        if (!_options.DisconnectOnLoopCurrentDrop || !_loopClosed)
        {
            return;
        }

        _currentDrop = _hardware.LoopCurrentMilliamps < _options.LoopCurrentThresholdMilliamps ? _currentDrop + 1 : 0;
        if (_currentDrop == _dropTicks)
        {
            Disconnect(FxoDisconnectReason.LoopCurrentDrop);
        }
    }

    private void OnCallerId(object? sender, CallerIdMessage message)
    {
        LogCallerId(_logger, Name, message.Number, message.Name);
        CallerIdReceived?.Invoke(this, message);
    }

    private void OnTone(object? sender, CallProgressTone tone)
    {
        LogTone(_logger, Name, tone);
        ToneChanged?.Invoke(this, tone);
        if (IsOffHook && _options.DisconnectOnBusyTone)
        {
            if (tone == CallProgressTone.Busy)
            {
                Disconnect(FxoDisconnectReason.BusyTone);
            }
            else if (tone == CallProgressTone.Congestion)
            {
                Disconnect(FxoDisconnectReason.CongestionTone);
            }
            else if (tone == CallProgressTone.Sit)
            {
                Disconnect(FxoDisconnectReason.SpecialInformationTone);
            }
        }
    }

    private void Disconnect(FxoDisconnectReason reason)
    {
        if (_disconnected)
        {
            return;
        }

        _disconnected = true;
        LogDisconnect(_logger, Name, reason);
        Disconnected?.Invoke(this, new FxoDisconnect(reason, Now));
    }
}
