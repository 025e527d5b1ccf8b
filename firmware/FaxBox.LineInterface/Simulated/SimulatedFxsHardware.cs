using FaxBox.LineInterface.Ports;

namespace FaxBox.LineInterface.Simulated;

/// <summary>The exchange end of a <see cref="SimulatedLoop"/>: the line circuit an <see cref="FxsPort"/> drives.</summary>
public sealed class SimulatedFxsHardware : IFxsHardware
{
    private readonly SimulatedLoop _loop;

    internal SimulatedFxsHardware(SimulatedLoop loop) => _loop = loop;

    /// <summary>How many times the linefeed was changed (for tests of the port's hardware traffic).</summary>
    public int LinefeedChanges { get; private set; }

    public bool IsLoopClosed => _loop.IsLoopClosed;

    public void SetLinefeed(FxsLinefeed state)
    {
        LinefeedChanges++;
        _loop.Linefeed = state;
    }

    public void ReadFrame(Span<short> frame) => _loop.ReadAtExchange(frame);

    public void WriteFrame(ReadOnlySpan<short> frame) => _loop.WriteFromExchange(frame);
}
