using FaxBox.Core;

namespace FaxBox.CallControl.Bridging;

/// <summary>
/// A <see cref="TimeProvider"/> whose time is the call's media time: frames exchanged × 20 ms. The RTP session's
/// arrival times, jitter and RTCP schedule follow it, so a test that runs frames faster than real time sees the same
/// figures as a real call. Advanced on the media thread; read from any thread. Timers are not supported (nothing on the
/// media path uses them).
/// </summary>
internal sealed class MediaTimeProvider : TimeProvider
{
    private readonly DateTimeOffset _origin;
    private long _ticks;

    /// <summary>Starts at zero media time; wall-clock readings (RTCP NTP timestamps) count from <paramref name="origin"/>.</summary>
    public MediaTimeProvider(DateTimeOffset origin) => _origin = origin;

    /// <summary>Media time so far.</summary>
    public TimeSpan Now => TimeSpan.FromTicks(Volatile.Read(ref _ticks));

    /// <inheritdoc />
    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    /// <inheritdoc />
    public override long GetTimestamp() => Volatile.Read(ref _ticks);

    /// <inheritdoc />
    public override DateTimeOffset GetUtcNow() => _origin + Now;

    /// <summary>One frame later.</summary>
    public void Advance() => Volatile.Write(ref _ticks, _ticks + AudioFrame.Duration.Ticks);
}
