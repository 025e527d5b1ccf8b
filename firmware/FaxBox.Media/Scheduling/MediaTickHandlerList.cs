using FaxBox.Core;

namespace FaxBox.Media.Scheduling;

/// <summary>
/// The handlers a media clock drives: a copy-on-write array (registration allocates, ticking does not) and a tick epoch
/// (odd while a tick runs) so that disposing a registration from another thread waits for the running tick to finish.
/// </summary>
internal sealed class MediaTickHandlerList
{
    private readonly Lock _lock = new();
    private IMediaTickHandler[] _handlers = [];
    private long _epoch;
    private int _tickThreadId = -1;

    /// <summary>Handler exceptions caught (handlers should report failures as state; the clock keeps running).</summary>
    public long Faults;

    /// <summary>The last handler exception, for diagnostics.</summary>
    public Exception? LastFault;

    public int Count => Volatile.Read(ref _handlers).Length;

    public IDisposable Add(IMediaTickHandler handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        lock (_lock)
        {
            _handlers = [.. _handlers, handler];
        }

        return new Registration(this, handler);
    }

    /// <summary>Runs one tick over a snapshot of the handlers.</summary>
    public void Run(in MediaTick tick)
    {
        _tickThreadId = Environment.CurrentManagedThreadId;
        Interlocked.Increment(ref _epoch);
        try
        {
            IMediaTickHandler[] handlers = Volatile.Read(ref _handlers);
            for (int i = 0; i < handlers.Length; i++)
            {
                try
                {
                    handlers[i].OnTick(tick);
                }
#pragma warning disable CA1031 // a faulty handler must not stop every other call's media
                catch (Exception ex)
#pragma warning restore CA1031
                {
                    Faults++;
                    LastFault = ex;
                }
            }
        }
        finally
        {
            Interlocked.Increment(ref _epoch);
        }
    }

    /// <summary>
    /// Whether every handler may park (<see cref="IMediaParkingHandler.CanPark"/>; a handler that is not one never
    /// may). An empty list may. Media thread only.
    /// </summary>
    public bool CanPark()
    {
        IMediaTickHandler[] handlers = Volatile.Read(ref _handlers);
        for (int i = 0; i < handlers.Length; i++)
        {
            if (handlers[i] is not IMediaParkingHandler { CanPark: true })
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Tells every parking handler that the parked clock is alive. Media thread only.</summary>
    public void ParkedHeartbeat(TimeSpan now)
    {
        IMediaTickHandler[] handlers = Volatile.Read(ref _handlers);
        for (int i = 0; i < handlers.Length; i++)
        {
            if (handlers[i] is IMediaParkingHandler parking)
            {
                try
                {
                    parking.OnParkedHeartbeat(now);
                }
#pragma warning disable CA1031 // as in Run: one faulty handler must not stop the clock
                catch (Exception ex)
#pragma warning restore CA1031
                {
                    Faults++;
                    LastFault = ex;
                }
            }
        }
    }

    private void Remove(IMediaTickHandler handler)
    {
        lock (_lock)
        {
            int index = Array.IndexOf(_handlers, handler);
            if (index < 0)
            {
                return;
            }

            _handlers = [.. _handlers[..index], .. _handlers[(index + 1)..]];
        }

        // "Not called again after Dispose returns": wait out a tick in flight, unless we are that tick.
        if (Environment.CurrentManagedThreadId == _tickThreadId)
        {
            return;
        }

        long epoch = Interlocked.Read(ref _epoch);
        if ((epoch & 1) == 1)
        {
            var spin = default(SpinWait);
            while (Interlocked.Read(ref _epoch) == epoch)
            {
                spin.SpinOnce();
            }
        }
    }

    private sealed class Registration(MediaTickHandlerList list, IMediaTickHandler handler) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                list.Remove(handler);
            }
        }
    }
}
