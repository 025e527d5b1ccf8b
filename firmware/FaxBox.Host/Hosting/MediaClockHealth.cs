using FaxBox.Core;

namespace FaxBox.Host.Hosting;

/// <summary>
/// The watchdog's health check for <see cref="SystemdNotifier.StartWatchdog"/>: registered on the media clock, it notes
/// the time of every tick (one timestamp store: no allocation, no lock on the media thread), and
/// <see cref="IsHealthy"/> says whether the last tick is more recent than <see cref="StallLimit"/>. A media thread that
/// stalls or dies stops the keep-alives, and systemd restarts the box. A parked clock (nothing to tick) is healthy: its
/// heartbeat (<see cref="OnParkedHeartbeat"/>) counts as a tick; this handler itself never keeps the clock from parking.
/// </summary>
public sealed class MediaClockHealth : IMediaParkingHandler
{
    private readonly TimeProvider _time;
    private long _lastTick;
    private long _ticks;

    /// <summary>Starts counting from now: the clock has <see cref="StallLimit"/> to deliver its first tick.</summary>
    public MediaClockHealth(TimeProvider timeProvider, TimeSpan? stallLimit = null)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        _time = timeProvider;
        StallLimit = stallLimit ?? TimeSpan.FromSeconds(1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(StallLimit, TimeSpan.Zero, nameof(stallLimit));
        _lastTick = _time.GetTimestamp();
    }

    /// <summary>How long without a tick counts as stalled. Default 1 s (50 missed 20 ms ticks).</summary>
    public TimeSpan StallLimit { get; }

    /// <summary>Ticks seen.</summary>
    public long Ticks => Interlocked.Read(ref _ticks);

    /// <inheritdoc/>
    public void OnTick(in MediaTick tick)
    {
        Volatile.Write(ref _lastTick, _time.GetTimestamp());
        Interlocked.Increment(ref _ticks);
    }

    /// <inheritdoc/>
    public bool CanPark => true;

    /// <inheritdoc/>
    public void OnParkedHeartbeat(TimeSpan now) => Volatile.Write(ref _lastTick, _time.GetTimestamp());

    /// <summary>Whether the clock ticked within <see cref="StallLimit"/>.</summary>
    public bool IsHealthy() => _time.GetElapsedTime(Volatile.Read(ref _lastTick)) <= StallLimit;
}
