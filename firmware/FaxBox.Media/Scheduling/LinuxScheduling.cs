using System.Runtime.InteropServices;

namespace FaxBox.Media.Scheduling;

/// <summary>
/// The libc calls the media clock needs: SCHED_FIFO for its own thread (sched_setscheduler(2), pid 0 = caller) and
/// sleeping to an absolute CLOCK_MONOTONIC time (clock_nanosleep(2) with TIMER_ABSTIME: the kernel's high-resolution
/// timer wakes the thread within tens of microseconds, so the clock need not spin).
/// </summary>
internal static partial class LinuxScheduling
{
    private const int SchedFifo = 1;
    private const int ClockMonotonic = 1;
    private const int TimerAbsTime = 1;
    private const int Eintr = 4;
    private static bool s_sleepUnavailable;

    /// <summary>
    /// Whether <see cref="TrySleepUntil"/> can work here: Linux, and <see cref="System.Diagnostics.Stopwatch"/> counting
    /// CLOCK_MONOTONIC nanoseconds (as .NET does on Linux).
    /// </summary>
    public static bool CanSleepUntil => OperatingSystem.IsLinux() && System.Diagnostics.Stopwatch.Frequency == 1_000_000_000 && !s_sleepUnavailable;

    /// <summary>Sleeps until the <see cref="System.Diagnostics.Stopwatch"/> timestamp <paramref name="due"/>; false when it cannot (then nothing was slept).</summary>
    public static bool TrySleepUntil(long due)
    {
        if (!CanSleepUntil)
        {
            return false;
        }

        var request = new TimeSpec { Seconds = due / 1_000_000_000, Nanoseconds = due % 1_000_000_000 };
        try
        {
            int result;
            int interruptions = 0;
            do
            {
                result = clock_nanosleep(ClockMonotonic, TimerAbsTime, in request, IntPtr.Zero);
            }
            while (result == Eintr && ++interruptions < 100);
            return result == 0;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            s_sleepUnavailable = true;
            return false;
        }
    }

    /// <summary>Tries to put the calling thread under SCHED_FIFO at <paramref name="priority"/>; false when refused or not Linux.</summary>
    public static bool TrySetFifo(int priority)
    {
        if (!OperatingSystem.IsLinux())
        {
            return false;
        }

        try
        {
            int parameter = priority;
            return sched_setscheduler(0, SchedFifo, ref parameter) == 0;
        }
        catch (DllNotFoundException)
        {
            return false;
        }
        catch (EntryPointNotFoundException)
        {
            return false;
        }
    }

    [DllImport("libc")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int clock_nanosleep(int clockId, int flags, in TimeSpec request, IntPtr remain);

    [DllImport("libc", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int sched_setscheduler(int pid, int policy, ref int parameter);

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }
}
