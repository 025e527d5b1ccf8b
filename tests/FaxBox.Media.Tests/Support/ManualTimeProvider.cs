namespace FaxBox.Media.Tests.Support;

/// <summary>A TimeProvider the test moves by hand (timestamps in ticks of 100 ns).</summary>
public sealed class ManualTimeProvider : TimeProvider
{
    private long _ticks;
    private readonly DateTimeOffset _epoch = new(2026, 11, 24, 0, 0, 0, TimeSpan.Zero);

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override long GetTimestamp() => Interlocked.Read(ref _ticks);

    public override DateTimeOffset GetUtcNow() => _epoch.AddTicks(Interlocked.Read(ref _ticks));

    public TimeSpan Now => TimeSpan.FromTicks(Interlocked.Read(ref _ticks));

    public void Advance(TimeSpan by) => Interlocked.Add(ref _ticks, by.Ticks);
}
