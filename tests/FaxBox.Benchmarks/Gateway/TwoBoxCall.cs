using FaxBox.CallControl.Configuration;
using FaxBox.Core;
using FaxBox.Core.Status;
using FaxBox.Fax;
using FaxBox.Fax.Documents;
using FaxBox.LineInterface.Simulated;
using FaxBox.LineInterface.Simulated.Scenarios;

namespace FaxBox.Benchmarks.Gateway;

/// <summary>
/// Paths (b) and (c): the same fax from a virtual fax machine on box A's FXS port, through A's gateway, SIP and T.38
/// (or G.711) over real loopback sockets, B's gateway, to a virtual fax machine on B's FXS port. Both boxes are ticked
/// by one loop in this thread, faster than real time (yielding a millisecond per tick only while SIP work is in flight,
/// as the gateway tests do); the process CPU over that loop is the figure, with the machines' and the engine's shares
/// metered apart.
/// </summary>
internal sealed class TwoBoxCall
{
    public const string SenderIdent = "SENDER";
    public const string ReceiverIdent = "RECEIVER";

    /// <summary>When A's machine lifts the handset: leaves the gateways a moment to bind and start.</summary>
    public static readonly TimeSpan OffHookAt = TimeSpan.FromSeconds(1);

    /// <summary>Real-time bound on one call, whatever the media limit.</summary>
    private static readonly TimeSpan WallLimit = TimeSpan.FromMinutes(5);

    private readonly IFaxEngine _engine;
    private readonly double _bracketOverheadNs;

    public TwoBoxCall(IFaxEngine engine, double bracketOverheadNs)
    {
        _engine = engine;
        _bracketOverheadNs = bracketOverheadNs;
    }

    /// <summary>The options of the last engine T.38 gateway the boxes' call media made (null before a T.38 call).</summary>
    public T38GatewayOptions? LastGatewayOptions { get; private set; }

    /// <summary>Print each call's CPU per thread (<c>--threads</c>).</summary>
    public bool Threads { get; init; }

    /// <summary>When set (<c>--jit</c>), the methods the JIT compiles during each call are printed.</summary>
    public JitWatch? Jit { get; init; }

    /// <summary>Runs one call; <paramref name="g711"/> makes A refuse T.38 so B's re-INVITE gets a 488 and both fall back to G.711.</summary>
    public async Task<CallMeasurement> RunAsync(string document, string workFolder, bool g711, TimeSpan mediaLimit)
    {
        var terminals = new CpuMeter("terminals");
        var engineGateways = new CpuMeter("engine-gateways");
        var simulatorTicks = new CpuMeter("simulator-ticks");
        var gatewayTicks = new CpuMeter("gateway-ticks");
        var lineEngine = new MeteredEngine(_engine, terminals);
        var mediaEngine = new MeteredEngine(_engine, engineGateways);

        var receiverScenario = new SimulationScenario
        {
            Ports = [new SimulatedPortScenario { Port = 0, Type = ScenarioPortType.Fxs, Terminal = new SimulatedTerminalScenario { Kind = SimulatedTerminalKind.FaxMachine, Direction = FaxDirection.Receive, ReceiveFolder = "received", Ident = ReceiverIdent } }],
        };
        var optionsB = BenchBox.Options("boxb", null, "201", new FaxOptions());
        await using var b = BenchBox.Create(optionsB, receiverScenario, lineEngine, mediaEngine, Path.Combine(workFolder, "b"), simulatorTicks, gatewayTicks);
        var senderScenario = new SimulationScenario
        {
            Ports = [new SimulatedPortScenario { Port = 0, Type = ScenarioPortType.Fxs, Terminal = new SimulatedTerminalScenario { Kind = SimulatedTerminalKind.FaxMachine, Direction = FaxDirection.Send, To = "201", Document = document, At = OffHookAt, Ident = SenderIdent } }],
        };
        var optionsA = BenchBox.Options("boxa", b.SipHostPort, "101", new FaxOptions { T38 = g711 ? T38Initiation.Never : T38Initiation.OnCedOrPreamble });
        await using var a = BenchBox.Create(optionsA, senderScenario, lineEngine, mediaEngine, Path.Combine(workFolder, "a"), simulatorTicks, gatewayTicks);
        var sender = a.Simulation.FaxMachines["fxs0"];
        var receiver = b.Simulation.FaxMachines["fxs0"];

        TimeSpan? offHook = null, senderStart = null, answer = null, receiverEnd = null;
        bool Done() => a.Status.Current.RecentFaxes.Length == 1 && b.Status.Current.RecentFaxes.Length == 1
                       && sender.State == VirtualFaxState.Finished && receiver.State == VirtualFaxState.Finished;

        var ticks = (long)(mediaLimit / AudioFrame.Duration);
        var wallEnd = DateTime.UtcNow + WallLimit;
        var threads0 = Threads ? ThreadCpuSnapshot.Take() : null;
        Jit?.Drain();
        if (Jit is not null)
        {
            Jit.Active = true;
        }

        var kernel0 = CallClock.KernelNow();
        var alloc0 = GC.GetTotalAllocatedBytes();
        var gcs0 = GC.CollectionCount(0);
        var cpu0 = ProcessCpuClock.NowNs();
        long i = 0;
        for (; i < ticks && DateTime.UtcNow < wallEnd && !Done(); i++)
        {
            var now = TimeSpan.FromMilliseconds(i * AudioFrame.Milliseconds);
            var tick = new MediaTick(i, now, TimeSpan.Zero);
            a.Tick(tick);
            b.Tick(tick);

            // Events as seen after this tick: stamped with the end of the tick's frame.
            var after = now + AudioFrame.Duration;
            offHook ??= sender.State != VirtualFaxState.Idle ? after : null;
            senderStart ??= sender.Terminal is not null ? after : null;
            answer ??= receiver.Terminal is not null ? after : null;
            receiverEnd ??= receiver.Terminal is { IsComplete: true } ? after : null;

            if (a.Gateway.PendingSignalling > 0 || b.Gateway.PendingSignalling > 0)
            {
                await Task.Delay(1).ConfigureAwait(false);
            }
            else if (i % 25 == 0)
            {
                await Task.Yield();
            }
        }

        var cpuNs = ProcessCpuClock.NowNs() - cpu0;
        var allocKb = (GC.GetTotalAllocatedBytes() - alloc0) / 1024;
        var gcs = GC.CollectionCount(0) - gcs0;
        var kernelMs = (CallClock.KernelNow() - kernel0).TotalMilliseconds;
        LastGatewayOptions = mediaEngine.LastGatewayOptions ?? LastGatewayOptions;
        if (Jit is not null)
        {
            Jit.Active = false;
            var compiled = Jit.Drain();
            Console.Out.WriteLine($"# jit {(g711 ? "g711" : "t38")}: {compiled.Sum(kv => kv.Value)} methods compiled during the call: {string.Join("; ", compiled.Take(40).Select(kv => $"{kv.Key} x{kv.Value}"))}");
        }

        if (threads0 is not null)
        {
            Console.Out.WriteLine($"# threads {(g711 ? "g711" : "t38")}: {ThreadCpuSnapshot.Take().Since(threads0)}");
        }

        var instrumentationMs = (terminals.Brackets + engineGateways.Brackets + simulatorTicks.Brackets + gatewayTicks.Brackets) * _bracketOverheadNs / 1e6;
        var (ok, detail) = Verdict(Done(), i, a, b, sender, receiver, document);
        detail += $" alloc_kb={allocKb} gen0_gcs={gcs}";
        var last = TimeSpan.FromMilliseconds(i * AudioFrame.Milliseconds);
        return new CallMeasurement(
            g711 ? "g711" : "t38",
            ok,
            detail,
            cpuNs / 1e6,
            kernelMs,
            terminals.Ms(_bracketOverheadNs),
            engineGateways.Ms(_bracketOverheadNs),
            simulatorTicks.Ms(_bracketOverheadNs),
            gatewayTicks.Ms(_bracketOverheadNs),
            instrumentationMs,
            offHook ?? last,
            senderStart ?? last,
            answer ?? last,
            receiverEnd ?? last);
    }

    private static (bool Ok, string Detail) Verdict(bool done, long ticks, BenchBox a, BenchBox b, VirtualFaxMachine sender, VirtualFaxMachine receiver, string document)
    {
        if (!done)
        {
            return (false, $"not finished after {ticks} ticks: sender {sender.State} {sender.Result?.T30Text}, receiver {receiver.State} {receiver.Result?.T30Text}, records A {a.Status.Current.RecentFaxes.Length} B {b.Status.Current.RecentFaxes.Length}");
        }

        if (sender.Result is not { Success: true } || receiver.Result is not { Success: true })
        {
            return (false, $"T.30 failed: sender {sender.Result?.T30Text ?? sender.EndReason}, receiver {receiver.Result?.T30Text ?? receiver.EndReason}");
        }

        var received = Directory.GetFiles(Path.Combine(b.WorkFolder, "received"), "*.tif");
        if (received.Length != 1)
        {
            return (false, $"expected one received file, found {received.Length}");
        }

        var comparison = FaxDocumentComparer.Compare(document, received[0]);
        FaxRecord ra = a.Status.Current.RecentFaxes[0];
        FaxRecord rb = b.Status.Current.RecentFaxes[0];
        var detail = $"mode={rb.Mode} reason=\"{rb.ModeReason}\" pages={rb.Pages} rate={rb.BitRate} ecm={(rb.Ecm ? 1 : 0)} a_record={(ra.Success ? "ok" : ra.Result)} b_record={(rb.Success ? "ok" : rb.Result)} ifps_a={ra.Network.PacketsSent}/{ra.Network.PacketsReceived} lost={ra.Network.PacketsLost + rb.Network.PacketsLost}";
        return comparison.Identical && ra.Success && rb.Success
            ? (true, detail)
            : (false, $"{detail}; received file: {comparison}");
    }
}
