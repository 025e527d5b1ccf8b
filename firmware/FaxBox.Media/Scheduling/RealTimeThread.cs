using System.Runtime.InteropServices;

namespace FaxBox.Media.Scheduling;

/// <summary>
/// Scheduling for threads that work in step with the media clock but off it (the fax terminals' threads). They stay in
/// the normal class (SCHED_OTHER), so the clock's SCHED_FIFO thread always preempts them and their bursts (hundreds of
/// page ends at once) never use up the kernel's real-time budget (<c>sched_rt_runtime_us</c>: 95 % of each second),
/// which would throttle the clock itself; but with a strongly raised weight (a negative nice value), so the box's other
/// work and other processes cannot starve them.
/// </summary>
public static class RealTimeThread
{
    private const int PrioProcess = 0;

    /// <summary>
    /// Sets the calling thread's nice value to <paramref name="nice"/> (−20…19; lower runs more); false where that is not
    /// allowed (no CAP_SYS_NICE and no RLIMIT_NICE, as for an unprivileged user without the systemd unit's settings) or not
    /// Linux, and the thread keeps its value.
    /// </summary>
    public static bool TrySetNice(int nice)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(nice, -20);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(nice, 19);
        if (!OperatingSystem.IsLinux())
        {
            return false;
        }

        try
        {
            // PRIO_PROCESS with a thread id sets that one thread's nice value on Linux.
            return setpriority(PrioProcess, gettid(), nice) == 0;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return false;
        }
    }

    [DllImport("libc", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int setpriority(int which, int who, int prio);

    [DllImport("libc")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int gettid();
}
