namespace FaxBox.Testing;

/// <summary>
/// A clock that moves only when the test says so. Timers created on it (and Task.Delay on it) fire inside
/// <see cref="Advance"/>, on the test's thread, in due order; nothing runs in the background.
/// </summary>
internal sealed class ManualTimeProvider : TimeProvider
{
    private static readonly DateTimeOffset Epoch = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly Lock _lock = new();
    private readonly List<ManualTimer> _timers = [];
    private long _sequence;
    private TimeSpan _elapsed;

    /// <summary>How far the clock has moved since it was made.</summary>
    public TimeSpan Now
    {
        get
        {
            lock (_lock)
            {
                return _elapsed;
            }
        }
    }

    public override DateTimeOffset GetUtcNow() => Epoch + Now;

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override long GetTimestamp() => Now.Ticks;

    /// <summary>Timers waiting to fire.</summary>
    public int ActiveTimers
    {
        get
        {
            lock (_lock)
            {
                return _timers.Count(t => t.Due is not null);
            }
        }
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new ManualTimer(this, callback, state);
        timer.Change(dueTime, period);
        return timer;
    }

    /// <summary>Moves the clock forward, firing every timer that falls due on the way (at most 100,000 firings); allocates nothing itself.</summary>
    public void Advance(TimeSpan by)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(by, TimeSpan.Zero);
        TimeSpan target;
        lock (_lock)
        {
            target = _elapsed + by;
        }

        for (int guard = 0; guard < 100_000; guard++)
        {
            ManualTimer? next;
            lock (_lock)
            {
                next = null;
                foreach (var t in _timers) // no LINQ: advancing the clock allocates nothing (allocation tests use it)
                {
                    if (t.Due is { } d && d <= target && (next is null || d < next.Due || (d == next.Due && t.Sequence < next.Sequence)))
                    {
                        next = t;
                    }
                }

                if (next is null)
                {
                    _elapsed = target;
                    return;
                }

                _elapsed = next.Due!.Value;
                next.Due = next.Period is { } p && p > TimeSpan.Zero ? _elapsed + p : null;
            }

            next.Callback(next.State);
        }

        throw new InvalidOperationException("more than 100,000 timer firings in one Advance");
    }

    private sealed class ManualTimer(ManualTimeProvider owner, TimerCallback callback, object? state) : ITimer
    {
        public TimerCallback Callback { get; } = callback;

        public object? State { get; } = state;

        public TimeSpan? Due { get; set; }

        public TimeSpan? Period { get; private set; }

        public long Sequence { get; } = Interlocked.Increment(ref owner._sequence);

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            lock (owner._lock)
            {
                if (!owner._timers.Contains(this))
                {
                    owner._timers.Add(this);
                }

                Due = dueTime == Timeout.InfiniteTimeSpan ? null : owner._elapsed + dueTime;
                Period = period == Timeout.InfiniteTimeSpan ? null : period;
            }

            return true;
        }

        public void Dispose()
        {
            lock (owner._lock)
            {
                owner._timers.Remove(this);
            }
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
