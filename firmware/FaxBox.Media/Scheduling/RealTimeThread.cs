namespace FaxBox.Media.Scheduling;

/// <summary>
/// Scheduling for threads that work in step with the media clock but off it (the fax terminals' threads): SCHED_FIFO
/// below the clock's priority (<see cref="MediaClockOptions.RealTimePriority"/>, default 10), so the clock preempts them
/// and the box's normal-priority work (SIP, PDF rasterising, e-mail) or other processes cannot starve them.
/// </summary>
public static class RealTimeThread
{
    /// <summary>
    /// Puts the calling thread under SCHED_FIFO at <paramref name="priority"/> (1–99); false where that is not allowed
    /// (no CAP_SYS_NICE and no RLIMIT_RTPRIO) or not Linux, and the thread keeps its normal policy. A real-time thread that
    /// may run long must take breaks: once the real-time threads of a core use up the kernel's budget
    /// (<c>sched_rt_runtime_us</c>, 95 % of each second) all of them are throttled, the media clock included.
    /// </summary>
    public static bool TryUseFifo(int priority)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(priority, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(priority, 99);
        return LinuxScheduling.TrySetFifo(priority);
    }
}
