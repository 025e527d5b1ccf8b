using FaxBox.Fax;

namespace FaxBox.Benchmarks.Gateway;

/// <summary>An <see cref="IAudioFaxTerminal"/> whose per-frame audio calls are timed on a <see cref="CpuMeter"/>.</summary>
internal sealed class MeteredAudioTerminal : IAudioFaxTerminal
{
    private readonly IAudioFaxTerminal _inner;
    private readonly CpuMeter _meter;

    public MeteredAudioTerminal(IAudioFaxTerminal inner, CpuMeter meter)
    {
        _inner = inner;
        _meter = meter;
    }

    public event EventHandler<FaxProgressEventArgs>? Progress
    {
        add => _inner.Progress += value;
        remove => _inner.Progress -= value;
    }

    public event EventHandler<T30FrameEventArgs>? Frame
    {
        add => _inner.Frame += value;
        remove => _inner.Frame -= value;
    }

    public bool IsComplete => _inner.IsComplete;

    public FaxResult? Result => _inner.Result;

    public TimeSpan Elapsed => _inner.Elapsed;

    public FaxStatistics GetStatistics() => _inner.GetStatistics();

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

    public void Dispose() => _inner.Dispose();
}
