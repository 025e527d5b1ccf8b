namespace FaxBox.Core;

/// <summary>
/// The wake-up line of a parked media clock (see <see cref="IMediaParkingHandler"/>). Whoever queues work for the media
/// thread calls <see cref="Wake"/> after queueing it; the clock <see cref="Arm">arms</see> the signal before it asks its
/// handlers whether it may park and then <see cref="WaitForWake">waits</see> on it. Both sides put a full fence between
/// their write and their read (the work then the signal; the signal then the work), so a wake-up is never lost: either
/// the clock's question sees the queued work, or the waker sees the armed signal and ends the wait. <see cref="Wake"/>
/// allocates nothing and takes no lock unless the clock is armed, so the media thread itself and SIP or API threads may
/// call it freely.
/// </summary>
public sealed class MediaWake
{
    private readonly object _gate = new();
    private volatile bool _signalled = true;
    private long _wakes;

    /// <summary>Wake-ups asked for (diagnostics).</summary>
    public long Wakes => Interlocked.Read(ref _wakes);

    /// <summary>Ends the clock's park (now, or the next one before it starts): call after queueing the work.</summary>
    public void Wake()
    {
        Interlocked.Increment(ref _wakes); // also the full fence between the caller's queued work and the read below
        if (_signalled)
        {
            return;
        }

        lock (_gate)
        {
            _signalled = true;
            Monitor.PulseAll(_gate);
        }
    }

    /// <summary>The clock's side: clears the signal before the clock asks whether it may park.</summary>
    public void Arm()
    {
        lock (_gate)
        {
            _signalled = false;
        }

        Interlocked.MemoryBarrier();
    }

    /// <summary>The clock's side: sleeps until <see cref="Wake"/> (true) or <paramref name="timeout"/> (false).</summary>
    public bool WaitForWake(TimeSpan timeout)
    {
        lock (_gate)
        {
            if (!_signalled)
            {
                Monitor.Wait(_gate, timeout);
            }

            return _signalled;
        }
    }
}
