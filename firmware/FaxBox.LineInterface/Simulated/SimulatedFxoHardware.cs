using FaxBox.LineInterface.Ports;

namespace FaxBox.LineInterface.Simulated;

/// <summary>The subscriber end of a <see cref="SimulatedLoop"/>: the line interface an <see cref="FxoPort"/> or a virtual terminal uses.</summary>
public sealed class SimulatedFxoHardware : IFxoHardware
{
    private readonly SimulatedLoop _loop;

    internal SimulatedFxoHardware(SimulatedLoop loop) => _loop = loop;

    /// <summary>Whether the on-hook line monitor is on (the simulator passes on-hook audio either way).</summary>
    public bool OnHookMonitor { get; private set; }

    public bool IsRingSignalPresent => _loop.IsRinging;

    public double LoopCurrentMilliamps => _loop.LoopCurrentMilliamps;

    public double LineVolts => _loop.LineVolts;

    public void SetOffHook(bool offHook) => _loop.SubscriberOffHook = offHook;

    public void SetOnHookMonitor(bool enabled) => OnHookMonitor = enabled;

    public void ReadFrame(Span<short> frame) => _loop.ReadAtSubscriber(frame);

    public void WriteFrame(ReadOnlySpan<short> frame) => _loop.WriteFromSubscriber(frame);
}
