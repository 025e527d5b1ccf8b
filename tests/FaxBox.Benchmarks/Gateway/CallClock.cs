using System.Diagnostics;

namespace FaxBox.Benchmarks.Gateway;

/// <summary>The process's kernel-mode CPU time (from /proc, 10 ms resolution), for the share of a call spent in system calls.</summary>
internal static class CallClock
{
    public static TimeSpan KernelNow()
    {
        using var self = Process.GetCurrentProcess();
        return self.PrivilegedProcessorTime;
    }
}
