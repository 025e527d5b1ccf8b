using FaxBox.Fax;

namespace FaxBox.Benchmarks.Gateway;

/// <summary>An <see cref="IT38Gateway"/> whose per-frame audio and per-IFP calls are timed on a <see cref="CpuMeter"/>.</summary>
internal sealed class MeteredT38Gateway : IT38Gateway
{
    private readonly IT38Gateway _inner;
    private readonly CpuMeter _meter;

    public MeteredT38Gateway(IT38Gateway inner, CpuMeter meter)
    {
        _inner = inner;
        _meter = meter;
    }

    public event EventHandler<T30FrameEventArgs>? Frame
    {
        add => _inner.Frame += value;
        remove => _inner.Frame -= value;
    }

    public bool IsComplete => _inner.IsComplete;

    public bool WatchdogFired => _inner.WatchdogFired;

    public TimeSpan Elapsed => _inner.Elapsed;

    public IfpCounters Packets => _inner.Packets;

    public T38GatewayStatistics GetStatistics() => _inner.GetStatistics();

    public void Abort() => _inner.Abort();

    public void ReceiveAudio(ReadOnlySpan<short> frame)
    {
        var start = CpuMeter.Enter();
        _inner.ReceiveAudio(frame);
        _meter.Exit(start);
    }

    public void TransmitAudio(Span<short> frame)
    {
        var start = CpuMeter.Enter();
        _inner.TransmitAudio(frame);
        _meter.Exit(start);
    }

    public void ReceiveIfp(ReadOnlySpan<byte> ifp, ushort sequenceNumber)
    {
        var start = CpuMeter.Enter();
        _inner.ReceiveIfp(ifp, sequenceNumber);
        _meter.Exit(start);
    }

    public void Dispose() => _inner.Dispose();
}
