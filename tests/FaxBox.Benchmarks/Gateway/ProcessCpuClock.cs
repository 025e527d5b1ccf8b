using System.Runtime.InteropServices;

namespace FaxBox.Benchmarks.Gateway;

/// <summary>clock_gettime(CLOCK_PROCESS_CPUTIME_ID): the whole process's CPU time (every thread, GC and JIT included), ns.</summary>
internal static unsafe partial class ProcessCpuClock
{
    /// <summary>CLOCK_PROCESS_CPUTIME_ID in linux/time.h.</summary>
    private const int ClockProcessCpuTimeId = 2;

    [StructLayout(LayoutKind.Sequential)]
    private struct Timespec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    public static long NowNs()
    {
        Timespec ts;
        if (clock_gettime(ClockProcessCpuTimeId, &ts) != 0)
        {
            throw new InvalidOperationException("clock_gettime(CLOCK_PROCESS_CPUTIME_ID) failed");
        }

        return (ts.Seconds * 1_000_000_000) + ts.Nanoseconds;
    }

    [LibraryImport("libc")]
    private static partial int clock_gettime(int clockId, Timespec* timespec);
}
