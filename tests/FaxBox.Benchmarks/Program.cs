using FaxBox.Fax;
using FaxBox.Fax.SpanDsp;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace FaxBox.Benchmarks;

/// <summary>
/// faxbox-bench: the FaxBox half of the fax wrapper-overhead benchmark (tools/bench/README.md). Runs the scenarios of
/// tools/bench/spandsp_bench.c through <see cref="SpanDspFaxEngine"/>'s public interfaces and prints the same lines.
/// </summary>
internal static class Program
{
    private const int ExitCallFailed = 1;
    private const int ExitUsage = 2;
    private const int ExitSetup = 3;

    public static int Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "gateway")
        {
            return Gateway.GatewayBench.Run(args.AsSpan(1));
        }

        if (args.Length > 0 && args[0] == "faxserver")
        {
            return Concurrency.ConcurrencyBench.Run(args.AsSpan(1));
        }

        var o = BenchOptions.Parse(args, out var help);
        if (o is null)
        {
            (help ? Console.Out : Console.Error).WriteLine(BenchOptions.Usage);
            return help ? 0 : ExitUsage;
        }

        if (o.OverheadObjects == 0 && !File.Exists(o.Tif))
        {
            Console.Error.WriteLine($"cannot read {o.Tif}");
            return ExitSetup;
        }

        var pid = Environment.ProcessId;
        var rxTif = o.RxTif ?? $"/tmp/faxbox_bench_rx.{pid}.tif";
        var warmupRxTif = $"/tmp/faxbox_bench_warmup_rx.{pid}.tif";
        using ILoggerFactory loggers = o.Verbose ? new StderrLoggerFactory() : NullLoggerFactory.Instance;
        try
        {
            IFaxEngine engine;
            try
            {
                engine = new SpanDspFaxEngine(loggers);
            }
            catch (FaxEngineUnavailableException e)
            {
                Console.Error.WriteLine(e.Message);
                return ExitSetup;
            }

            if (o.OverheadObjects > 0)
            {
                Overhead.Run(engine, rxTif, o.OverheadObjects);
                return 0;
            }

            var runner = new CallRunner(engine, o);
            if (o.Warmup)
            {
                // JIT warm-up: the whole scenario once, untimed, so the measured call runs tier-1 code on every
                // per-frame path. Then give the background tier-1 compiler a moment and collect the warm-up's garbage.
                var warm = runner.Run(warmupRxTif, 0, print: false);
                if (!warm.Ok)
                {
                    Console.Out.WriteLine("# warning: the JIT warm-up call failed");
                }

                GC.Collect();
                GC.WaitForPendingFinalizers();
                Thread.Sleep(500);
            }

            var overheadNs = ThreadCpuClock.CalibrateOverheadNs();
            var outcome = runner.Run(rxTif, overheadNs, print: true);
            return outcome.Ok ? 0 : ExitCallFailed;
        }
        catch (Exception e) when (e is ArgumentException or IOException or InvalidOperationException)
        {
            Console.Error.WriteLine($"setup error: {e.Message}");
            return ExitSetup;
        }
        finally
        {
            File.Delete(warmupRxTif);
            if (o.RxTif is null)
            {
                File.Delete(rxTif);
            }
        }
    }
}
