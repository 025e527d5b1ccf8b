namespace FaxBox.Sip.Calls;

/// <summary>
/// The running session timer of one call (RFC 4028 §10): the refresher refreshes at half the interval; the other side
/// sends BYE when no refresh came by interval − min(32 s, interval/3). One-shot timers from the injected clock; every
/// successful refresh (in either direction) re-arms it.
/// </summary>
internal sealed class SipSessionTimer : IDisposable
{
    private readonly TimeProvider _time;
    private readonly Action _refreshDue;
    private readonly Action _expired;
    private readonly Lock _lock = new();
    private ITimer? _timer;
    private long _generation;

    public SipSessionTimer(TimeProvider time, Action refreshDue, Action expired)
    {
        _time = time;
        _refreshDue = refreshDue;
        _expired = expired;
    }

    /// <summary>The negotiated interval, or null when no session timer runs.</summary>
    public TimeSpan? Interval { get; private set; }

    /// <summary>True when the box is the refresher.</summary>
    public bool BoxRefreshes { get; private set; }

    /// <summary>When the current interval started (the last refresh).</summary>
    public DateTimeOffset StartedAt { get; private set; }

    /// <summary>Bumped by every (re-)arm: a refresh started before a newer one knows it is no longer needed.</summary>
    public long Generation => Interlocked.Read(ref _generation);

    /// <summary>The wait before the non-refresher gives up (RFC 4028 §10).</summary>
    public static TimeSpan ExpiryCheck(TimeSpan interval) => interval - (interval / 3 < TimeSpan.FromSeconds(32) ? interval / 3 : TimeSpan.FromSeconds(32));

    public void Arm(TimeSpan interval, bool boxRefreshes)
    {
        lock (_lock)
        {
            Interval = interval;
            BoxRefreshes = boxRefreshes;
            StartedAt = _time.GetUtcNow();
            Interlocked.Increment(ref _generation);
            Schedule(boxRefreshes ? interval / 2 : ExpiryCheck(interval), boxRefreshes ? _refreshDue : _expired);
        }
    }

    /// <summary>Checks again after <paramref name="delay"/> (a deferred refresh) without restarting the interval.</summary>
    public void RefreshAgainIn(TimeSpan delay)
    {
        lock (_lock)
        {
            Schedule(delay, _refreshDue);
        }
    }

    /// <summary>A refresh failed: the session lasts until the end of its interval, then the box gives up.</summary>
    public void ExpireAtEndOfInterval()
    {
        lock (_lock)
        {
            if (Interval is not { } interval)
            {
                return;
            }

            var left = StartedAt + ExpiryCheck(interval) - _time.GetUtcNow();
            Schedule(left > TimeSpan.Zero ? left : TimeSpan.Zero, _expired);
        }
    }

    public void Stop()
    {
        lock (_lock)
        {
            Interval = null;
            Interlocked.Increment(ref _generation);
            _timer?.Dispose();
            _timer = null;
        }
    }

    public void Dispose() => Stop();

    private void Schedule(TimeSpan due, Action callback)
    {
        _timer?.Dispose();
        _timer = _time.CreateTimer(static s => ((Action)s!)(), callback, due, Timeout.InfiniteTimeSpan);
    }
}
