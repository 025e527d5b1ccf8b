using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Running;

namespace FaxBox.MicroBenchmarks;

/// <summary>
/// BenchmarkDotNet micro-benchmarks of FaxBox's hot paths, each class with a [Benchmark(Baseline = true)] so the summary
/// prints ratios side by side. Run with: dotnet run -c Release --project tests/FaxBox.MicroBenchmarks -- --filter '*Name*'.
/// <c>--sip-fuzz N [seed]</c> runs the SIP parser fuzz instead (tools/bench/sip-fuzz); <c>--sip-throughput [N]</c> the
/// SIP parse + serialize throughput by thread CPU time (tools/bench/sip-throughput); <c>--sip-load [RATE] [SECONDS]</c> a sipp
/// call load against FaxBox's user agent on 127.0.0.1 (tools/bench/sip-load).
/// </summary>
internal static class Program
{
    public static int Main(string[] args)
    {
        if (args.Length >= 2 && args[0] == "--sip-fuzz")
        {
            var seed = args.Length >= 3 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 1;
            return SipFuzzRun.Run(int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture), seed);
        }

        if (args.Length >= 1 && args[0] == "--modem-cpu")
        {
            return Modems.ModemCpuRun.Run(args[1..]);
        }

        if (args.Length >= 1 && args[0] == "--modem-trials")
        {
            return Modems.ModemTrialsRun.Run(args[1..]);
        }

        if (args.Length >= 1 && args[0] == "--sip-load")
        {
            var rate = args.Length >= 2 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 200;
            var seconds = args.Length >= 3 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 60;
            return SipLoadRun.RunAsync(rate, seconds).GetAwaiter().GetResult();
        }

        // The out-of-process toolchain builds a boilerplate project that rebuilds every referenced FaxBox project; on a
        // loaded 2-core machine that takes longer than BenchmarkDotNet's 2-minute default build timeout.
        var config = ManualConfig.Create(DefaultConfig.Instance).WithBuildTimeout(TimeSpan.FromMinutes(15));
        if (args.Length >= 1 && args[0] == "--sip-throughput")
        {
            return SipThroughputRun.Run(args.Length >= 2 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 100_000);
        }

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args, config);
        return 0;
    }
}
