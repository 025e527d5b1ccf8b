using System.Globalization;
using FaxBox.Core;
using FaxBox.Fax;

namespace FaxBox.Benchmarks;

/// <summary>The outcome of one call, for the summary line and the exit status.</summary>
internal sealed record CallOutcome(bool Ok, int Frames, long AllocBytesInBrackets);

/// <summary>
/// Builds the roles of a scenario on an <see cref="IFaxEngine"/> and runs one call frame by frame, wired and ordered
/// exactly as spandsp_bench.c: every frame each role (sender, receiver, then gateway) first consumes what its peers
/// produced in the previous frame, then produces; audio legs are carried after all roles have stepped.
/// </summary>
internal sealed class CallRunner
{
    private const string TxIdent = "FaxBox bench TX";
    private const string RxIdent = "FaxBox bench RX";

    private readonly IFaxEngine _engine;
    private readonly BenchOptions _o;

    public CallRunner(IFaxEngine engine, BenchOptions options)
    {
        _engine = engine;
        _o = options;
    }

    /// <summary>Runs one call. <paramref name="print"/> false for the JIT warm-up call, whose figures are discarded.</summary>
    public CallOutcome Run(string rxTif, double overheadNs, bool print)
    {
        var o = _o;
        var toTerm = new IfpQueue(); // gateway -> terminal
        var toGw = new IfpQueue();   // terminal -> gateway
        using var line = new LineSimulation(o.Law);

        // The engine's own watchdogs sit beyond the benchmark's frame limit, so --frames-limit alone decides.
        var watchdog = TimeSpan.FromMilliseconds(AudioFrame.Milliseconds * ((double)o.FramesLimit + 100));
        FaxTerminalOptions Terminal(bool sender) => new()
        {
            Direction = sender ? FaxDirection.Send : FaxDirection.Receive,
            CallingParty = sender,
            SendFile = sender ? o.Tif : null,
            ReceiveFile = sender ? null : rxTif,
            LocalIdent = sender ? TxIdent : RxIdent,
            Ecm = o.Ecm,
            Modems = o.Modem,
            Watchdog = watchdog,
            LogTag = sender ? "bench-tx" : "bench-rx",
        };
        T38GatewayOptions GatewayOptions() => new()
        {
            Ecm = o.Ecm,
            Modems = o.GatewayModems,
            Watchdog = watchdog,
            LogTag = "bench-gw",
        };

        Role sender;
        Role receiver;
        Role? gateway = null;
        switch (o.Scenario)
        {
            case Scenario.Audio:
                sender = Role.Fax("audio-tx", "tx", _engine.CreateAudioTerminal(Terminal(true)), o.FramesLimit);
                receiver = Role.Fax("audio-rx", "rx", _engine.CreateAudioTerminal(Terminal(false)), o.FramesLimit);
                break;
            case Scenario.Gw2Term:
                sender = Role.Fax("audio-tx", "tx", _engine.CreateAudioTerminal(Terminal(true)), o.FramesLimit);
                gateway = Role.T38Gateway("gateway-audio-to-t38", _engine.CreateT38Gateway(GatewayOptions(), toTerm), o.FramesLimit);
                gateway.IfpIn = toGw;
                receiver = Role.T38Terminal("t38-terminal", "rx", _engine.CreateT38Terminal(Terminal(false), toGw), o.FramesLimit);
                receiver.IfpIn = toTerm;
                break;
            default:
                sender = Role.T38Terminal("t38-terminal", "tx", _engine.CreateT38Terminal(Terminal(true), toGw), o.FramesLimit);
                sender.IfpIn = toTerm;
                gateway = Role.T38Gateway("gateway-t38-to-audio", _engine.CreateT38Gateway(GatewayOptions(), toTerm), o.FramesLimit);
                gateway.IfpIn = toGw;
                receiver = Role.Fax("audio-rx", "rx", _engine.CreateAudioTerminal(Terminal(false)), o.FramesLimit);
                break;
        }

        Role[] roles = gateway is null ? [sender, receiver] : [sender, receiver, gateway];
        try
        {
            var frame = 0;
            for (; frame < o.FramesLimit; frame++)
            {
                var toTermUntil = toTerm.Tail;
                var toGwUntil = toGw.Tail;
                foreach (var r in roles)
                {
                    if (ReferenceEquals(r.IfpIn, toTerm))
                    {
                        r.IfpUntil = toTermUntil;
                    }
                    else if (ReferenceEquals(r.IfpIn, toGw))
                    {
                        r.IfpUntil = toGwUntil;
                    }

                    Step(r, overheadNs);
                }

                // Audio legs for the next frame.
                switch (o.Scenario)
                {
                    case Scenario.Audio:
                        line.Carry(sender.Out, receiver.In);
                        line.Carry(receiver.Out, sender.In);
                        break;
                    case Scenario.Gw2Term:
                        line.Carry(sender.Out, gateway!.In);
                        line.Carry(gateway.Out, sender.In);
                        break;
                    default:
                        line.Carry(gateway!.Out, receiver.In);
                        line.Carry(receiver.Out, gateway.In);
                        break;
                }

                if (toTerm.Overflowed || toGw.Overflowed)
                {
                    throw new InvalidOperationException("IFP queue overflow");
                }

                if (sender.Done && receiver.Done)
                {
                    frame++;
                    break;
                }
            }

            var tx = sender.T30!.GetStatistics();
            var rx = receiver.T30!.GetStatistics();
            var gw = gateway?.Gateway!.GetStatistics() ?? default;
            var ok = sender.Done && receiver.Done && sender.ResultCode == 0 && receiver.ResultCode == 0
                     && tx.PagesTransferred > 0 && rx.PagesTransferred == tx.PagesTransferred;
            long alloc = 0;
            foreach (var r in roles)
            {
                alloc += r.AllocBytes;
            }

            if (print)
            {
                var inv = CultureInfo.InvariantCulture;
                Console.Out.WriteLine(string.Create(inv, $"# faxbox-bench FaxBox {_engine.Name} engine ({_engine.GetType().Name}, libspandsp 0.0.6), {o.Tif}, timer overhead {overheadNs:F1} ns per bracket (subtracted), JIT warm-up call: {(o.Warmup ? "yes" : "no")}"));
                PrintRole(sender, sender.ResultCode, tx.PagesTransferred, tx.BitRate);
                if (gateway is not null)
                {
                    var code = ok ? 0 : Code(receiver) != 0 ? Code(receiver) : Code(sender) != 0 ? Code(sender) : -1;
                    PrintRole(gateway, code, gw.PagesTransferred, gw.BitRate);
                }

                PrintRole(receiver, receiver.ResultCode, rx.PagesTransferred, rx.BitRate);
                Console.Out.WriteLine(string.Create(
                    inv,
                    $"call={(ok ? "ok" : "failed")} impl=faxbox scenario={o.ScenarioName} modem={o.ModemName} ecm={(o.Ecm ? 1 : 0)} law={o.LawName} frames={frame} sim_s={frame * AudioFrame.Milliseconds / 1000.0:F2} timer_overhead_ns={overheadNs:F1} tx_result={sender.ResultCode} rx_result={receiver.ResultCode} tx_pages={tx.PagesTransferred} rx_pages={rx.PagesTransferred} bit_rate={rx.BitRate} ecm_used={(rx.Ecm ? 1 : 0)} ifps_to_terminal={toTerm.Ifps} ifps_to_gateway={toGw.Ifps} alloc_bytes_in_brackets={alloc} warmup={(o.Warmup ? 1 : 0)} tx_result_text=\"{Text(sender)}\" rx_result_text=\"{Text(receiver)}\""));
            }

            return new CallOutcome(ok, frame, alloc);
        }
        finally
        {
            foreach (var r in roles)
            {
                r.Dispose();
            }
        }
    }

    /// <summary>
    /// One frame of a role: exactly the engine calls the role makes per 20 ms, between two thread-CPU clock reads.
    /// The allocation counter is read just outside the clock reads (it is cheap, but not part of the role's work).
    /// </summary>
    private static void Step(Role r, double overheadNs)
    {
        var alloc0 = GC.GetAllocatedBytesForCurrentThread();
        var start = ThreadCpuClock.NowNs();
        switch (r.Kind)
        {
            case RoleKind.Fax:
                {
                    var audio = r.Audio!;
                    audio.ReceiveAudio(r.In);
                    audio.TransmitAudio(r.Out);
                    break;
                }

            case RoleKind.Gateway:
                {
                    var gateway = r.Gateway!;
                    r.IfpIn!.DeliverTo(gateway, r.IfpUntil);
                    gateway.ReceiveAudio(r.In);
                    gateway.TransmitAudio(r.Out);
                    break;
                }

            default:
                {
                    var terminal = r.Terminal!;
                    r.IfpIn!.DeliverTo(terminal, r.IfpUntil);
                    terminal.Tick();
                    break;
                }
        }

        var end = ThreadCpuClock.NowNs();
        var alloc1 = GC.GetAllocatedBytesForCurrentThread();

        r.FrameUs[r.Frames++] = ((end - start) - overheadNs) / 1000.0;
        if (alloc1 != alloc0)
        {
            r.AllocBytes += alloc1 - alloc0;
            r.AllocFrames++;
        }
    }

    private static int Code(Role r) => r.Done ? r.ResultCode : 0;

    private static string Text(Role r) => r.Done ? r.T30!.Result!.T30Text : "not finished (watchdog)";

    private void PrintRole(Role r, int result, int pages, int bitRate)
    {
        var n = r.Frames;
        var sorted = r.FrameUs.AsSpan(0, n).ToArray();
        double sum = 0;
        foreach (var v in sorted)
        {
            sum += v;
        }

        Array.Sort(sorted);
        var o = _o;
        Console.Out.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"role={r.Name} impl=faxbox dir={r.Dir} scenario={o.ScenarioName} modem={o.ModemName} ecm={(o.Ecm ? 1 : 0)} law={o.LawName} frames={n} cpu_us_mean={(n > 0 ? sum / n : 0.0):F3} cpu_us_p50={Percentile(sorted, 50):F3} cpu_us_p99={Percentile(sorted, 99):F3} cpu_us_p999={Percentile(sorted, 99.9):F3} cpu_us_max={Percentile(sorted, 100):F3} result={result} pages={pages} bit_rate={bitRate} alloc_bytes={r.AllocBytes} alloc_frames={r.AllocFrames}"));
    }

    /// <summary>Nearest-rank percentile of a sorted array (the same rounding as spandsp_bench.c).</summary>
    private static double Percentile(double[] sorted, double p)
    {
        var n = sorted.Length;
        if (n <= 0)
        {
            return 0.0;
        }

        var rank = (long)((p / 100.0 * n) + 0.999999);
        rank = Math.Clamp(rank, 1, n);
        return sorted[rank - 1];
    }
}
