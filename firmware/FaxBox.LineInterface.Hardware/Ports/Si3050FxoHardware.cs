using FaxBox.LineInterface.Hardware.Alsa;
using FaxBox.LineInterface.Hardware.Si3050;
using FaxBox.LineInterface.Ports;

namespace FaxBox.LineInterface.Hardware.Ports;

/// <summary>
/// <see cref="IFxoHardware"/> on an Si3050 + Si3019 DAA and one PCM timeslot. Hook and monitor changes are posted from
/// the media thread and applied by <see cref="Service"/> (a <see cref="ChipServiceLoop"/> wakes at once, so a pulse-dial
/// make/break lands well within one 20 ms tick); ring detect, loop current and line voltage are read there too.
/// </summary>
public sealed class Si3050FxoHardware : IFxoHardware, IServiceableChip
{
    private readonly Si3050.Si3050 _daa;
    private readonly PcmChannel _audio;
    private int _requestedHook = -1;
    private int _requestedMonitor = -1;
    private volatile bool _ringing;
    private double _loopCurrent;
    private double _lineVolts;

    /// <summary>Wraps an initialised DAA and its PCM channel.</summary>
    public Si3050FxoHardware(Si3050.Si3050 daa, PcmChannel audio)
    {
        _daa = daa ?? throw new ArgumentNullException(nameof(daa));
        _audio = audio ?? throw new ArgumentNullException(nameof(audio));
    }

    /// <summary>Raised when a posted change needs servicing.</summary>
    public event EventHandler? ServiceRequested;

    public bool IsRingSignalPresent => _ringing;

    public double LoopCurrentMilliamps => Volatile.Read(ref _loopCurrent);

    public double LineVolts => Volatile.Read(ref _lineVolts);

    public void SetOffHook(bool offHook)
    {
        Volatile.Write(ref _requestedHook, offHook ? 1 : 0);
        ServiceRequested?.Invoke(this, EventArgs.Empty);
    }

    public void SetOnHookMonitor(bool enabled)
    {
        Volatile.Write(ref _requestedMonitor, enabled ? 1 : 0);
        ServiceRequested?.Invoke(this, EventArgs.Empty);
    }

    public void ReadFrame(Span<short> frame) => _audio.ReadFrame(frame);

    public void WriteFrame(ReadOnlySpan<short> frame) => _audio.WriteFrame(frame);

    /// <summary>Applies posted changes, services INT and samples ring detect, loop current and line voltage.</summary>
    public void Service()
    {
        var monitor = Interlocked.Exchange(ref _requestedMonitor, -1);
        if (monitor >= 0)
        {
            _daa.SetOnHookMonitor(monitor == 1);
        }

        var hook = Interlocked.Exchange(ref _requestedHook, -1);
        if (hook >= 0)
        {
            _daa.SetOffHook(hook == 1);
        }

        var events = _daa.ServiceInterrupt();
        _ringing = events.Control.Ringing;
        Volatile.Write(ref _loopCurrent, events.Control.OffHook ? _daa.ReadLoopCurrentMilliamps() : 0);
        Volatile.Write(ref _lineVolts, _daa.ReadLineVolts());
    }
}
