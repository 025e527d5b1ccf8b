using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace FaxBox.Benchmarks;

/// <summary>
/// clock_gettime(CLOCK_THREAD_CPUTIME_ID), the clock spandsp_bench.c reads, through libc. On x86-64 Linux this clock is a
/// system call (~0.5 µs); the GC transition is suppressed so the bracket is the syscall plus a few instructions, and
/// whatever remains is measured by <see cref="CalibrateOverheadNs"/> and subtracted, as the C program does.
/// </summary>
internal static unsafe partial class ThreadCpuClock
{
    /// <summary>CLOCK_THREAD_CPUTIME_ID in linux/time.h.</summary>
    private const int ClockThreadCpuTimeId = 3;

    /// <summary>Same number of empty brackets as spandsp_bench.c's CALIBRATION_ROUNDS.</summary>
    private const int CalibrationRounds = 2_000_000;

    /// <summary>struct timespec on 64-bit Linux: two longs.</summary>
    [StructLayout(LayoutKind.Sequential)]
    private struct Timespec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    /// <summary>This thread's CPU time in ns.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long NowNs()
    {
        Timespec ts;
        _ = clock_gettime(ClockThreadCpuTimeId, &ts);
        return (ts.Seconds * 1_000_000_000) + ts.Nanoseconds;
    }

    /// <summary>Mean cost in ns of an empty bracket: the two clock reads every measured frame pays.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization | MethodImplOptions.NoInlining)]
    public static double CalibrateOverheadNs()
    {
        long total = 0;
        for (var i = 0; i < CalibrationRounds; i++)
        {
            var start = NowNs();
            var end = NowNs();
            total += end - start;
        }

        return (double)total / CalibrationRounds;
    }

    [LibraryImport("libc")]
    [SuppressGCTransition]
    private static partial int clock_gettime(int clockId, Timespec* timespec);
}
