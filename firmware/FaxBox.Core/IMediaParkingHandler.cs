namespace FaxBox.Core;

/// <summary>
/// A tick handler that can tell the media clock it has nothing to do: no call, no audio to play or listen to, no timer
/// counted in ticks. When every registered handler says so after a tick, the real-time clock parks (its thread sleeps,
/// costing no CPU) until someone calls <see cref="MediaWake.Wake"/>; a handler that does not implement this interface
/// keeps the clock ticking. Anything that changes a handler's state from another thread (a SIP call, a job, a command)
/// must do so by queueing work for the media thread and then waking it, so that no event waits for a tick that never
/// comes.
/// </summary>
public interface IMediaParkingHandler : IMediaTickHandler
{
    /// <summary>
    /// Asked on the media thread after a tick: true when this handler needs no further tick until the clock is woken
    /// (everything it waits for arrives through work queued and followed by <see cref="MediaWake.Wake"/>).
    /// </summary>
    bool CanPark { get; }

    /// <summary>
    /// Called on the media thread while the clock is parked, every <c>ParkedHeartbeat</c> of the clock's options: the
    /// media thread is alive though it does not tick (a watchdog counts this as health). Default: nothing.
    /// </summary>
    /// <param name="now">The clock's time base now (the <see cref="MediaTick.Due"/> a tick would have).</param>
    void OnParkedHeartbeat(TimeSpan now)
    {
    }
}
