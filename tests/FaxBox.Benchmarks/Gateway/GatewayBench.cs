using System.Globalization;
using FaxBox.Core;
using FaxBox.Fax;
using FaxBox.Fax.Documents;
using FaxBox.Fax.SpanDsp;
using Microsoft.Extensions.Logging.Abstractions;

namespace FaxBox.Benchmarks.Gateway;

/// <summary>
/// <c>FaxBox.Benchmarks gateway</c>: issue 6's performance figures. Per-port CPU of a T.38-relayed fax (whole process ÷ 2
/// ports) against the raw engine's cost of the same call (<see cref="RelayCall"/>: two terminals and two engine T.38
/// gateways relaying in memory, ÷ 2 ports), the target's measure; also against the old baseline (<see cref="DirectCall"/>,
/// the two terminals back to back), with the simulated fax machines' own share measured and taken out to isolate the
/// appliance; and the call's duration through two boxes against the direct call. See tools/bench/README.md, "Gateway".
/// </summary>
internal static class GatewayBench
{
    public const double CpuTarget = 2.0;
    public const double DurationTarget = 1.03;

    private const int ExitCallFailed = 1;
    private const int ExitUsage = 2;
    private const int ExitSetup = 3;

    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static int Run(ReadOnlySpan<string> args)
    {
        var o = GatewayBenchOptions.Parse(args, out var help);
        if (o is null)
        {
            (help ? Console.Out : Console.Error).WriteLine(GatewayBenchOptions.Usage);
            return help ? 0 : ExitUsage;
        }

        SpanDspFaxEngine engine;
        try
        {
            engine = new SpanDspFaxEngine(NullLoggerFactory.Instance);
        }
        catch (FaxEngineUnavailableException e)
        {
            Console.Error.WriteLine(e.Message);
            return ExitSetup;
        }

        var work = o.Work ?? Path.Combine(Path.GetTempPath(), $"faxbox-gateway-bench.{Environment.ProcessId}");
        try
        {
            Directory.CreateDirectory(work);
            return RunAsync(o, engine, work).GetAwaiter().GetResult();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidOperationException or ArgumentException)
        {
            Console.Error.WriteLine($"gateway: setup error: {e.Message}");
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

    private static async Task<int> RunAsync(GatewayBenchOptions o, IFaxEngine engine, string work)
    {
        var document = Path.Combine(work, $"test-{o.Pages}p.tif");
        TestPageGenerator.Write(document, new TestPageOptions { Pages = o.Pages });
        var mediaLimit = TimeSpan.FromMinutes(2 + (3 * o.Pages));
        var framesLimit = (int)(mediaLimit / AudioFrame.Duration);
        var overheadNs = ThreadCpuClock.CalibrateOverheadNs();
        var direct = new DirectCall(engine, overheadNs);
        using var jit = o.Jit ? new JitWatch() : null;
        var boxes = new TwoBoxCall(engine, overheadNs) { Threads = o.Threads, Jit = jit };
        var relay = new RelayCall(engine, overheadNs);
        var lines = new LineOnlyCall(engine, overheadNs);
        string[] paths = o.G711 ? ["baseline", "relay", "lines", "t38", "g711"] : ["baseline", "relay", "lines", "t38"];
        var run = 0;

        async Task<CallMeasurement> One(string path, string doc)
        {
            var folder = Path.Combine(work, $"run{++run}-{path}");
            Directory.CreateDirectory(folder);
            return path switch
            {
                "baseline" => direct.Run(doc, Path.Combine(folder, "received.tif"), framesLimit),
                "relay" => relay.Run(doc, Path.Combine(folder, "received.tif"), framesLimit),
                "lines" => lines.Run(doc, folder, mediaLimit),
                _ => await boxes.RunAsync(doc, folder, path == "g711", mediaLimit).ConfigureAwait(false),
            };
        }

        Console.Out.WriteLine(string.Create(Inv, $"# faxbox gateway bench: {o.Pages}-page generated test page, {o.Repeat} repetitions, engine {engine.Name}, {Environment.ProcessorCount} CPUs, timer bracket {overheadNs:F0} ns (subtracted), tiered compilation {(TieredCompilation ? "on (the firmware ships with it off)" : "off, as the firmware ships")}, load average {LoadAverage()}"));
        if (o.Warmup)
        {
            var warmDoc = Path.Combine(work, "warmup-1p.tif");
            TestPageGenerator.Write(warmDoc, new TestPageOptions { Pages = 1 });
            foreach (var path in paths)
            {
                var m = await One(path, warmDoc).ConfigureAwait(false);
                Console.Out.WriteLine($"# warm-up {path}: {(m.Ok ? "ok" : "FAILED " + m.Detail)}");
            }

            GC.Collect();
            GC.WaitForPendingFinalizers();
            await Task.Delay(500).ConfigureAwait(false);
        }

        // Each path twice per repetition: meters off for the whole-process CPU the ratios use (the meters' clock reads are
        // system calls, ~10 per frame in (b): subtracting their calibrated cost would leave the ratios resting on the
        // calibration), then meters on for the split of that CPU into terminals, engine gateways, ticks and the rest.
        var results = paths.ToDictionary(p => p, _ => new List<CallMeasurement>());
        var split = paths.ToDictionary(p => p, _ => new List<CallMeasurement>());
        var failed = false;
        for (var rep = 0; rep < o.Repeat; rep++)
        {
            // Alternate the order so neither path always runs first (caches, frequency, the other engineers' load).
            var order = rep % 2 == 0 ? paths : paths.Reverse().ToArray();
            foreach (var path in order)
            {
                foreach (var metered in (bool[])[false, true])
                {
                    CpuMeter.Enabled = metered;
                    var m = await One(path, document).ConfigureAwait(false);
                    PrintRun(rep + 1, metered, m);
                    failed |= !m.Ok;
                    (metered ? split : results)[path].Add(m);
                }
            }
        }

        CpuMeter.Enabled = true;
        PrintSummary(o, results, split, boxes.LastGatewayOptions);
        return failed ? ExitCallFailed : 0;
    }

    /// <summary>Whether the runtime tiers: not when DOTNET_TieredCompilation=0 (tools/bench/gateway sets it) or the runtimeconfig says so.</summary>
    private static bool TieredCompilation =>
        Environment.GetEnvironmentVariable("DOTNET_TieredCompilation") != "0"
        && (!AppContext.TryGetSwitch("System.Runtime.TieredCompilation", out var on) || on);

    /// <summary>The first three fields of /proc/loadavg (the other engineers' load on the shared machine), or "unknown".</summary>
    private static string LoadAverage()
    {
        try
        {
            return string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
        }
        catch (IOException)
        {
            return "unknown";
        }
    }

    private static void PrintRun(int rep, bool metered, CallMeasurement m) => Console.Out.WriteLine(string.Create(
        Inv,
        $"run={rep} path={m.Path} metered={(metered ? 1 : 0)} ok={(m.Ok ? 1 : 0)} process_cpu_ms={m.CleanProcessCpuMs:F1} kernel_cpu_ms={m.KernelCpuMs:F0} terminals_cpu_ms={m.TerminalsCpuMs:F1} appliance_cpu_ms={m.ApplianceCpuMs:F1} engine_t38_gateway_cpu_ms={m.EngineGatewayCpuMs:F1} simulator_tick_cpu_ms={m.SimulatorTickCpuMs:F1} gateway_tick_cpu_ms={m.GatewayTickCpuMs:F1} outside_ticks_cpu_ms={m.OutsideTicksCpuMs:F1} timer_cost_ms={m.InstrumentationCpuMs:F1} offhook_s={m.SenderOffHook.TotalSeconds:F2} t30_start_s={m.SenderT30Start.TotalSeconds:F2} answer_s={m.ReceiverAnswer.TotalSeconds:F2} rx_end_s={m.ReceiverT30End.TotalSeconds:F2} answer_to_end_s={m.AnswerToEnd.TotalSeconds:F2} offhook_to_end_s={m.OffHookToEnd.TotalSeconds:F2} {m.Detail}"));

    private static void PrintSummary(GatewayBenchOptions o, Dictionary<string, List<CallMeasurement>> results, Dictionary<string, List<CallMeasurement>> split, T38GatewayOptions? boxGatewayOptions)
    {
        var w = Console.Out;
        var a = results["baseline"];
        var r = results["relay"];
        var rs = split["relay"];
        if (a.Count == 0 || a.Any(m => !m.Ok) || r.Count == 0 || r.Any(m => !m.Ok) || rs.Any(m => !m.Ok))
        {
            w.WriteLine("no ratios: a baseline call failed (see the run lines)");
            return;
        }

        var aCpu = Median(a, m => m.CleanProcessCpuMs);
        var aDur = Median(a, m => m.AnswerToEnd.TotalSeconds);
        var rCpu = Median(r, m => m.CleanProcessCpuMs);
        var rTerms = Median(rs, m => m.TerminalsCpuMs);
        var rGw = Median(rs, m => m.EngineGatewayCpuMs);
        var l = results["lines"];
        var linesOk = l.Count > 0 && l.All(m => m.Ok);
        var lCpu = Median(l, m => m.CleanProcessCpuMs);
        w.WriteLine();
        w.WriteLine(string.Create(Inv, $"Medians of {o.Repeat} calls, {o.Pages} pages. CPU is CLOCK_PROCESS_CPUTIME_ID over the call's tick loop (every thread) of the calls run with the meters off; the split ('inside the terminals', 'engine T.38 gateways', ticks, 'outside') is thread CPU from the same path's metered calls, their timer reads taken out."));
        w.WriteLine(string.Create(Inv, $"(a) old baseline, raw engine, 2 audio terminals back to back: {aCpu:F0} ms per call = {aCpu / 2:F0} ms per terminal; T.30 call {aDur:F2} s ({Median(split["baseline"], m => m.TerminalsCpuMs):F0} ms inside the terminals; in the kernel {Median(a, m => m.KernelCpuMs):F0} ms)"));
        w.WriteLine(string.Create(Inv, $"(r) same-call baseline, raw engine relaying the fax in memory (terminal A - engine T.38 gateway A - IFPs in memory - engine T.38 gateway B - terminal B): {rCpu:F0} ms per call = {rCpu / 2:F0} ms per port (terminal + gateway); inside the terminals {rTerms:F0} ms, inside the engine T.38 gateways {rGw:F0} ms; T.30 call {Median(r, m => m.AnswerToEnd.TotalSeconds):F2} s; in the kernel {Median(r, m => m.KernelCpuMs):F0} ms"));
        w.WriteLine(string.Create(Inv, $"(lines) the simulated line terminals alone, no FaxBox: the 2 fax machines on 2 subscriber loops through the virtual exchange: {lCpu:F0} ms per call ({Median(split["lines"], m => m.TerminalsCpuMs):F0} ms inside the machines' terminals); T.30 call {Median(l, m => m.AnswerToEnd.TotalSeconds):F2} s{(linesOk ? string.Empty : "; FAILED, see the run lines")}"));
        var relayOptions = RelayCall.GatewayOptions("check");
        if (boxGatewayOptions is not null && !SameGatewayOptions(boxGatewayOptions, relayOptions))
        {
            w.WriteLine($"WARNING: (r)'s engine gateways ran with other options than (b)'s: (r) {Describe(relayOptions)}, (b) {Describe(boxGatewayOptions)}");
        }
        else if (boxGatewayOptions is not null)
        {
            w.WriteLine($"    (r)'s engine gateways ran with the options (b)'s call media used: {Describe(boxGatewayOptions)}");
        }

        foreach (var (path, list) in results)
        {
            if (path is "baseline" or "relay" or "lines" || list.Count == 0)
            {
                continue;
            }

            var parts = split[path];
            var ok = list.All(m => m.Ok) && parts.All(m => m.Ok);
            var cpu = Median(list, m => m.CleanProcessCpuMs);
            var terms = Median(parts, m => m.TerminalsCpuMs);
            var appliance = cpu - terms;
            var engineGw = Median(parts, m => m.EngineGatewayCpuMs);
            var dur = Median(list, m => m.AnswerToEnd.TotalSeconds);
            var isolated = cpu - lCpu;
            var whole = Median(list, m => m.OffHookToEnd.TotalSeconds);
            var label = path == "t38" ? "(b) T.38 relay through two boxes" : "(c) G.711 fallback through two boxes";
            w.WriteLine(string.Create(Inv, $"{label}: whole process {cpu:F0} ms = {cpu / 2:F0} ms per port; of it the 2 simulated fax machines' T.30 terminals {terms:F0} ms, the appliance (process − machines) {appliance:F0} ms = {appliance / 2:F0} ms per port, of which the engine's T.38 gateways {engineGw:F0} ms and FaxBox's own code, SIP, UDPTL/RTP, port drivers, line models and runtime {appliance - engineGw:F0} ms"));
            w.WriteLine(string.Create(Inv, $"    where (metered calls, whole process {Median(parts, m => m.CleanProcessCpuMs):F0} ms): line simulators' ticks (machines, loops, FXS ports, call media) {Median(parts, m => m.SimulatorTickCpuMs):F0} ms, gateways' ticks {Median(parts, m => m.GatewayTickCpuMs):F0} ms, outside the ticks (SIP and timer threads, the loop's awaits, GC) {Median(parts, m => m.OutsideTicksCpuMs):F0} ms; in the kernel {Median(list, m => m.KernelCpuMs):F0} ms (unmetered)"));
            w.WriteLine(string.Create(Inv, $"    durations: receiver answer (CED) → receiver T.30 end {dur:F2} s; sender off-hook → receiver T.30 end {whole:F2} s (adds dial tone, DTMF dialling, SIP INVITE and 2 rings)"));
            if (!ok)
            {
                w.WriteLine($"ratio {path}: NOT COMPUTED, a {path} call failed (see the run lines)");
                continue;
            }

            if (path == "t38")
            {
                // The target's measure: the same call's DSP done by the raw engine, per port.
                Verdict(w, $"{path} cpu per port, whole process, against (r) the same call in the raw engine [THE TARGET'S MEASURE]: ({cpu:F0} ms / 2 ports) / ({rCpu:F0} ms / 2 ports)", cpu / rCpu, CpuTarget, Pairs(list, r, (x, y) => x.CleanProcessCpuMs / y.CleanProcessCpuMs));
                if (linesOk)
                {
                    Info(w, $"{path} cpu per port, simulated lines swapped for (r)'s raw terminals, against (r): (({cpu:F0} − {lCpu:F0} + {rTerms:F0}) ms / 2 ports) / ({rCpu:F0} ms / 2 ports)", (isolated + rTerms) / rCpu, Pairs3(list, l, r, (x, y, z) => (x.CleanProcessCpuMs - y.CleanProcessCpuMs + rTerms) / z.CleanProcessCpuMs));
                }

                Info(w, $"{path} engine T.38 gateways in the boxes against in (r) (metered calls): {engineGw:F0} ms / {rGw:F0} ms", engineGw / rGw, Pairs(parts, rs, (x, y) => x.EngineGatewayCpuMs / y.EngineGatewayCpuMs));
            }

            var old = path == "t38" ? "against (a) the old two-terminal baseline, not the target's measure" : "against (a): the raw engine's G.711 pass-through is the two terminals alone";
            Info(w, $"{path} cpu per port, whole process, {old}: ({cpu:F0} ms / 2 ports) / ({aCpu:F0} ms / 2 terminals)", cpu / aCpu, Pairs(list, a, (x, y) => x.CleanProcessCpuMs / y.CleanProcessCpuMs));
            Info(w, $"{path} cpu per port, appliance only (machines' terminals, metered, taken out), against (a): ({appliance:F0} ms / 2 ports) / ({aCpu:F0} ms / 2 terminals)", appliance / aCpu, Pairs(list, a, (x, y) => (x.CleanProcessCpuMs - terms) / y.CleanProcessCpuMs));
            if (linesOk)
            {
                Info(w, $"{path} cpu per port, appliance only (path 'lines' taken out: machines, loops, exchange), against (a): (({cpu:F0} − {lCpu:F0}) ms / 2 ports) / ({aCpu:F0} ms / 2 terminals)", isolated / aCpu, Pairs3(list, l, a, (x, y, z) => (x.CleanProcessCpuMs - y.CleanProcessCpuMs) / z.CleanProcessCpuMs));
            }

            Verdict(w, $"{path} duration, receiver answer → T.30 end, against (a) the direct call: {dur:F2} s / {aDur:F2} s", dur / aDur, DurationTarget, Pairs(list, a, (x, y) => x.AnswerToEnd / y.AnswerToEnd));
            w.WriteLine(string.Create(Inv, $"info  {path} duration, sender off-hook → receiver T.30 end: {whole:F2} s / {aDur:F2} s = {whole / aDur:F3} (not the target's measure: the direct call has no dialling or ringing)"));
        }
    }

    private static bool SameGatewayOptions(T38GatewayOptions x, T38GatewayOptions y) =>
        x.Ecm == y.Ecm && x.Modems == y.Modems && x.Watchdog == y.Watchdog && x.T38.Version == y.T38.Version
        && x.T38.TransferredTcf == y.T38.TransferredTcf && x.T38.MaxBuffer == y.T38.MaxBuffer
        && x.T38.MaxDatagram == y.T38.MaxDatagram && x.T38.FillBitRemoval == y.T38.FillBitRemoval;

    private static string Describe(T38GatewayOptions g) => string.Create(
        Inv,
        $"ecm={g.Ecm} modems={g.Modems} version={g.T38.Version} transferredTcf={g.T38.TransferredTcf} maxBuffer={g.T38.MaxBuffer} maxDatagram={g.T38.MaxDatagram} fillBitRemoval={g.T38.FillBitRemoval}");

    private static void Info(TextWriter w, string what, double ratio, string pairs) =>
        w.WriteLine(string.Create(Inv, $"ratio {what} = {ratio:F3} (per repetition {pairs}) for comparison, no verdict"));

    private static void Verdict(TextWriter w, string what, double ratio, double target, string pairs) =>
        w.WriteLine(string.Create(Inv, $"ratio {what} = {ratio:F3} (per repetition {pairs}) target ≤ {target:F2}: {(ratio <= target ? "MET" : "NOT MET")}"));

    /// <summary>"lo..hi" of the i-th measured call's figure over the i-th baseline's (calls of one repetition ran back to back).</summary>
    private static string Pairs(List<CallMeasurement> xs, List<CallMeasurement> bases, Func<CallMeasurement, CallMeasurement, double> ratio)
    {
        var r = xs.Zip(bases, ratio).ToArray();
        return string.Create(Inv, $"{r.Min():F3}..{r.Max():F3}");
    }

    /// <summary>"lo..hi" of a figure of the i-th calls of three paths (calls of one repetition ran back to back).</summary>
    private static string Pairs3(List<CallMeasurement> xs, List<CallMeasurement> ys, List<CallMeasurement> zs, Func<CallMeasurement, CallMeasurement, CallMeasurement, double> ratio)
    {
        var r = xs.Zip(ys, zs).Select(t => ratio(t.First, t.Second, t.Third)).ToArray();
        return string.Create(Inv, $"{r.Min():F3}..{r.Max():F3}");
    }

    private static double Median(List<CallMeasurement> list, Func<CallMeasurement, double> f)
    {
        var v = list.Select(f).Order().ToArray();
        return v.Length == 0 ? 0 : v.Length % 2 == 1 ? v[v.Length / 2] : (v[(v.Length / 2) - 1] + v[v.Length / 2]) / 2;
    }
}
