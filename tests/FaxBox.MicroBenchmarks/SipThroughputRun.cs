using System.Diagnostics;
using System.Runtime.InteropServices;
using FaxBox.Sip.Parsing;
using FaxBox.Sip.Tests.Parsing;

namespace FaxBox.MicroBenchmarks;

/// <summary>
/// Parse + serialize throughput of the typical call (<c>--sip-throughput [N]</c>): N rounds of INVITE, 200, ACK, BYE,
/// repeated 5 times, timed by this thread's CPU clock (CLOCK_THREAD_CPUTIME_ID) as well as the wall clock. On a shared,
/// loaded machine the wall clock counts the time other processes hold the core; the thread CPU time is what one core
/// spends, so messages per second per core = messages / CPU seconds. Also prints the bytes allocated per message.
/// </summary>
internal static partial class SipThroughputRun
{

    public static int Run(int rounds)
    {
        var messages = SipSamples.Calls.ToArray();
        var output = new byte[4096];
        for (var i = 0; i < 20_000; i++)
        {
            foreach (var m in messages)
            {
                SipMessageParser.Parse(m).Message!.WriteTo(output);
            }
        }

        var count = rounds * messages.Length;
        for (var repeat = 0; repeat < 5; repeat++)
        {
            var allocated = GC.GetAllocatedBytesForCurrentThread();
            var cpu = ThreadCpuClock.Nanoseconds();
            var wall = Stopwatch.StartNew();
            for (var i = 0; i < rounds; i++)
            {
                foreach (var m in messages)
                {
                    SipMessageParser.Parse(m).Message!.WriteTo(output);
                }
            }

            wall.Stop();
            var cpuNs = ThreadCpuClock.Nanoseconds() - cpu;
            var bytes = GC.GetAllocatedBytesForCurrentThread() - allocated;
            Console.WriteLine(
                $"sip-throughput: {count} messages, thread CPU {cpuNs / (double)count:F0} ns/msg = {count / (cpuNs / 1e9):F0} msg/s per core, " +
                $"wall {wall.Elapsed.TotalNanoseconds / count:F0} ns/msg, allocated {bytes / (double)count:F0} B/msg");
        }

        return 0;
    }
}
