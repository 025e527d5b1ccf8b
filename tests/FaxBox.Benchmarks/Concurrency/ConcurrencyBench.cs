using FaxBox.Fax;
using FaxBox.Fax.Documents;
using FaxBox.Fax.Managed.T38;
using FaxBox.Fax.SpanDsp;
using Microsoft.Extensions.Logging.Abstractions;

namespace FaxBox.Benchmarks.Concurrency;

/// <summary>
/// <c>FaxBox.Benchmarks faxserver</c> (tools/bench/faxserver, issue 7 "Performance"): box A's fax terminal sends N concurrent
/// 1-page T.38 faxes to box B's terminal over real SIP and UDPTL sockets on 127.0.0.1, both boxes in this process on one
/// media clock, after an untimed warm-up fax and a baseline batch (default one fax). Prints a run= line per batch, the ratios
/// of the batch to the baseline, and MET/NOT MET per target: 800 concurrent faxes with zero failures, at most 0.5 MiB of
/// memory per concurrent fax, no media tick a frame late, no thread per call.
/// </summary>
internal static class ConcurrencyBench
{
    public const string SenderIdent = "SENDER";
    public const string ReceiverIdent = "RECEIVER";

    private const int TargetConcurrent = 800;
    private const double TargetMiBPerFax = 0.5;

    /// <summary>How far the terminal threads may run behind the media clock: a third of T.30's 3 s T4 response timer.</summary>
    private static readonly TimeSpan TerminalLagLimit = TimeSpan.FromSeconds(1);
    private const int ExitFailed = 1;
    private const int ExitUsage = 2;
    private const int ExitSetup = 3;

    public static int Run(ReadOnlySpan<string> args)
    {
        var o = ConcurrencyBenchOptions.Parse(args, out var error);
        if (o is null)
        {
            (error is null ? Console.Out : Console.Error).WriteLine(error ?? ConcurrencyBenchOptions.Usage);
            return error is null ? 0 : ExitUsage;
        }

        var work = o.Work ?? Path.Combine(Path.GetTempPath(), $"faxbox-bench-faxserver-{Environment.ProcessId}");
        try
        {
            return RunAsync(o, work).GetAwaiter().GetResult();
        }
        catch (Exception e) when (e is FaxEngineUnavailableException or IOException or InvalidOperationException or CallControl.Configuration.GatewayConfigurationException)
        {
            Console.Error.WriteLine($"faxserver: setup error: {e.Message}");
            return ExitSetup;
        }
        finally
        {
            if (o.Work is null && Directory.Exists(work))
            {
                Directory.Delete(work, recursive: true);
            }
        }
    }

    private static async Task<int> RunAsync(ConcurrencyBenchOptions o, string work)
    {
        Directory.CreateDirectory(work);
        var document = Path.Combine(work, "page.tif");
        TestPageGenerator.Write(document, new TestPageOptions { Pages = 1, StationIdent = "FAXSERVER BENCH", Resolution = o.Standard ? FaxResolution.Standard : FaxResolution.Fine });
        IFaxEngine engine = new SpanDspFaxEngine(NullLoggerFactory.Instance);
        if (o.ManagedT38Terminal)
        {
            engine = new ManagedT38TerminalEngine(engine, NullLoggerFactory.Instance);
        }

        var fdLimit = ProcessStatus.OpenFileLimit();
        Console.Out.WriteLine($"# faxserver: {(o.Fast ? "virtual clock, as fast as it goes (--fast)" : "real-time 20 ms media clock")}; baseline {o.Baseline}, batch {o.Calls} {(o.Ramp > TimeSpan.Zero ? $"started over {o.Ramp.TotalSeconds:0} s" : "started at once")}; page {(o.Standard ? "standard" : "fine")} resolution, {new FileInfo(document).Length / 1024} KiB; open-file limit {(fdLimit < 0 ? "unlimited" : fdLimit)}; {Environment.ProcessorCount} cores; T.38 terminals {(o.ManagedT38Terminal ? "managed (FaxBox's own)" : "native (libspandsp)")}");
        var needFds = (8L * o.Calls) + 200;
        if (fdLimit >= 0 && fdLimit < needFds)
        {
            Console.Out.WriteLine($"# warning: the open-file limit {fdLimit} is below the ~{needFds} sockets and files {o.Calls} calls on two boxes need (raise ulimit -n)");
        }

        // Warm-up, untimed: the JIT compiles the SIP, UDPTL, T.30 and TIFF paths once, so neither batch pays for it.
        var warm = await BatchAsync(engine, document, Path.Combine(work, "warmup"), 1, fast: true, TimeSpan.Zero, o.Limit, o.SnapshotAt).ConfigureAwait(false);
        if (warm.Failures > 0)
        {
            Console.Out.WriteLine($"# warning: the warm-up fax failed: {warm.FirstFailure}");
        }

        var baseline = await BatchAsync(engine, document, Path.Combine(work, "baseline"), o.Baseline, o.Fast, o.Ramp * o.Baseline / o.Calls, o.Limit, o.SnapshotAt).ConfigureAwait(false);
        Console.Out.WriteLine(baseline.Line("baseline"));
        using var profile = o.AllocProfile ? new AllocationProfile() : null;
        var batch = await BatchAsync(engine, document, Path.Combine(work, "batch"), o.Calls, o.Fast, o.Ramp, o.Limit, o.SnapshotAt, profile).ConfigureAwait(false);
        Console.Out.WriteLine(batch.Line("batch"));
        foreach (var line in profile?.Report(25) ?? [])
        {
            Console.Out.WriteLine(line);
        }

        Console.Out.WriteLine($"ratio cpu_per_fax batch/baseline {Ratio(batch.CpuPerFaxMs, baseline.CpuPerFaxMs)}; duration batch/baseline {Ratio(batch.Duration.TotalSeconds, baseline.Duration.TotalSeconds)}; call_median batch/baseline {Ratio(batch.MedianCall.TotalSeconds, baseline.MedianCall.TotalSeconds)}; rss_per_fax batch/baseline {Ratio(batch.RssPerFaxMiB, baseline.RssPerFaxMiB)}; mean_tick batch/baseline {Ratio(batch.MeanTickWork.TotalMilliseconds, baseline.MeanTickWork.TotalMilliseconds)}");
        var concurrentMet = batch.Calls >= TargetConcurrent && batch.Failures == 0 && batch.PeakConcurrent >= TargetConcurrent && !o.Fast;
        Console.Out.WriteLine($"target >= {TargetConcurrent} concurrent 1-page T.38 faxes in real time, zero failures: {Verdict(concurrentMet)} ({batch.Calls} sent, {batch.PeakConcurrent} at once, {batch.Failures} failed{(o.Fast ? ", virtual clock" : string.Empty)})");
        var filePerFaxKiB = (batch.RssPerFaxMiB - batch.AnonPerFaxMiB) * 1024;
        Console.Out.WriteLine($"target <= {TargetMiBPerFax} MiB per concurrent fax, whole process (RSS peak - before) / N, both ends in it: {Verdict(batch.RssPerFaxMiB <= TargetMiBPerFax)} ({batch.RssPerFaxMiB:F3} MiB, of which {filePerFaxKiB:F0} KiB file-backed page cache; managed heap {batch.HeapPerFaxMiB:F3} MiB, native heap {batch.NativePerFaxKiB / 1024:F3} MiB)");
        Console.Out.WriteLine($"target <= {TargetMiBPerFax} MiB per concurrent fax, whole process, anonymous memory (RSS less file-backed pages) / N: {Verdict(batch.AnonPerFaxMiB <= TargetMiBPerFax)} ({batch.AnonPerFaxMiB:F3} MiB)");
        Console.Out.WriteLine($"target <= {TargetMiBPerFax} MiB per concurrent fax, per end (RSS peak - before) / 2N, one box's share: {Verdict(batch.RssPerEndMiB <= TargetMiBPerFax)} ({batch.RssPerEndMiB:F3} MiB; anonymous {batch.AnonPerEndMiB:F3} MiB: {Verdict(batch.AnonPerEndMiB <= TargetMiBPerFax)}{(o.ManagedT38Terminal ? string.Empty : "; the receiving end holds more: libspandsp keeps the whole received page decoded, ~0.47 MiB for A4 fine")})");
        Console.Out.WriteLine($"target no media tick a frame (20 ms) late or skipped at {batch.Calls} calls: {Verdict(!o.Fast && batch.LateTicks == 0 && batch.SkippedTicks == 0)} ({batch.LateTicks} late, {batch.LateTicksAfterCollection} of them right after a garbage collection ({batch.CollectionPauses.TotalMilliseconds:F0} ms of pauses in all), {batch.SkippedTicks} skipped, max lateness {batch.MaxLateness.TotalMilliseconds:F1} ms, {batch.OverrunTicks} ticks with > 20 ms of work, max {batch.MaxTickWork.TotalMilliseconds:F1} ms{(batch.TerminalThreads > 0 ? "; terminal calls on the terminal threads" : "; terminal calls on the media tick")}{(o.Fast ? "; virtual clock: judged in real time only" : string.Empty)})");
        if (batch.TerminalThreads > 0)
        {
            Console.Out.WriteLine($"bench threshold terminal threads at most {TerminalLagLimit.TotalSeconds:0} s behind the media clock (a third of T.30's 3 s response timer T4), no fault: {Verdict(batch.TerminalMaxLag <= TerminalLagLimit && batch.TerminalFaults == 0)} (max lag {batch.TerminalMaxLag.TotalMilliseconds:F0} ms, {batch.TerminalLateTicks} terminal ticks a frame or more late, {batch.TerminalFaults} faults)");
        }

        var extraThreads = batch.PeakThreads - batch.ThreadsBefore;
        Console.Out.WriteLine($"target no thread per call: {Verdict(extraThreads < Math.Max(8, batch.Calls / 10))} ({batch.ThreadsBefore} threads before, {batch.PeakThreads} at peak for {batch.Calls} calls)");
        return batch.Failures == 0 && baseline.Failures == 0 ? 0 : ExitFailed;
    }

    private static async Task<BatchMeasurement> BatchAsync(IFaxEngine engine, string document, string inbox, int calls, bool fast, TimeSpan ramp, TimeSpan limit, TimeSpan snapshotAt, AllocationProfile? profile = null)
    {
        await using var pair = TerminalPair.Create(engine, calls, inbox, ownThread: !fast);
        return await pair.RunBatchAsync(document, calls, fast, ramp, limit, snapshotAt, profile).ConfigureAwait(false);
    }

    private static string Ratio(double value, double baseline) => baseline > 0 ? $"{value / baseline:F2}" : "n/a";

    private static string Verdict(bool met) => met ? "MET" : "NOT MET";
}
