namespace FaxBox.Media.Scheduling;

/// <summary>
/// The real-time scheduling policy for threads that work in step with the media clock but off it (the fax terminals'
/// thread): SCHED_FIFO at a priority below the clock's (<see cref="MediaClockOptions.RealTimePriority"/>, default 10), so
/// the clock preempts them and they in turn are not starved by the box's normal-priority work (SIP, PDF rasterising,
/// e-mail) or by other processes.
/// </summary>
public static class RealTimeThread
{
    /// <summary>
    /// Puts the calling thread under SCHED_FIFO at <paramref name="priority"/> (1–99); false where that is not allowed
    /// (no CAP_SYS_NICE and no RLIMIT_RTPRIO, as for an unprivileged user without the systemd unit's settings) or not Linux,
    /// and the thread keeps its normal policy.
    /// </summary>
    public static bool TryUseFifo(int priority)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(priority, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(priority, 99);
        return LinuxScheduling.TrySetFifo(priority);
    }
}
