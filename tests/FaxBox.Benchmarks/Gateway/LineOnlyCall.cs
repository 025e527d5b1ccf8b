using FaxBox.Core;
using FaxBox.Fax;
using FaxBox.Fax.Documents;
using FaxBox.LineInterface.Regions;
using FaxBox.LineInterface.Simulated;
using FaxBox.LineInterface.Simulated.Scenarios;

namespace FaxBox.Benchmarks.Gateway;

/// <summary>
/// Path "lines": what the simulated line terminals of (b) cost without any FaxBox. The same two virtual fax machines,
/// each on a simulated subscriber loop (the same line model), calling each other through the simulator's virtual
/// exchange (the PSTN) instead of through two boxes: machines + loops + a plain switch. Subtracted from (b) it isolates
/// the appliance (gateway, SIP, media, FXS port drivers); it includes the exchange's switching and tones, so the
/// appliance figure it leaves is, if anything, slightly low by that much.
/// </summary>
internal sealed class LineOnlyCall
{
    private readonly IFaxEngine _engine;
    private readonly double _bracketOverheadNs;

    public LineOnlyCall(IFaxEngine engine, double bracketOverheadNs)
    {
        _engine = engine;
        _bracketOverheadNs = bracketOverheadNs;
    }

    public CallMeasurement Run(string document, string workFolder, TimeSpan mediaLimit)
    {
        var terminals = new CpuMeter("terminals");
        var ticks = new CpuMeter("simulator-ticks");
        var scenario = new SimulationScenario
        {
            ExchangeLines =
            [
                new ExchangeLineScenario { Number = "201", Terminal = new SimulatedTerminalScenario { Kind = SimulatedTerminalKind.FaxMachine, Direction = FaxDirection.Receive, ReceiveFolder = "received", Ident = TwoBoxCall.ReceiverIdent } },
                new ExchangeLineScenario { Number = "101", Terminal = new SimulatedTerminalScenario { Kind = SimulatedTerminalKind.FaxMachine, Direction = FaxDirection.Send, To = "201", Document = document, At = TwoBoxCall.OffHookAt, Ident = TwoBoxCall.SenderIdent } },
            ],
        };
        using var simulation = SimulationScenarioBuilder.Build(scenario, [], LineRegions.BuiltIn.Get("us"), new MeteredEngine(_engine, terminals), workFolder);
        var sender = simulation.FaxMachines["line-101"];
        var receiver = simulation.FaxMachines["line-201"];
        TimeSpan? offHook = null, senderStart = null, answer = null, receiverEnd = null;
        var limit = (long)(mediaLimit / AudioFrame.Duration);
        var kernel0 = CallClock.KernelNow();
        var cpu0 = ProcessCpuClock.NowNs();
        long i = 0;
        for (; i < limit && !(sender.State == VirtualFaxState.Finished && receiver.State == VirtualFaxState.Finished); i++)
        {
            var now = TimeSpan.FromMilliseconds(i * AudioFrame.Milliseconds);
            var start = CpuMeter.Enter();
            simulation.Simulator.OnTick(new MediaTick(i, now, TimeSpan.Zero));
            ticks.Exit(start);
            var after = now + AudioFrame.Duration;
            offHook ??= sender.State != VirtualFaxState.Idle ? after : null;
            senderStart ??= sender.Terminal is not null ? after : null;
            answer ??= receiver.Terminal is not null ? after : null;
            receiverEnd ??= receiver.Terminal is { IsComplete: true } ? after : null;
        }

        var cpuNs = ProcessCpuClock.NowNs() - cpu0;
        var kernelMs = (CallClock.KernelNow() - kernel0).TotalMilliseconds;
        bool ok;
        string detail;
        if (sender.Result is not { Success: true } || receiver.Result is not { Success: true })
        {
            ok = false;
            detail = $"failed after {i} ticks: sender {sender.State} {sender.Result?.T30Text ?? sender.EndReason}, receiver {receiver.State} {receiver.Result?.T30Text ?? receiver.EndReason}";
        }
        else
        {
            var received = Directory.GetFiles(Path.Combine(workFolder, "received"), "*.tif");
            var comparison = received.Length == 1 ? FaxDocumentComparer.Compare(document, received[0]) : null;
            var stats = receiver.Terminal!.GetStatistics();
            ok = comparison is { Identical: true };
            detail = ok
                ? $"mode=exchange pages={stats.PagesTransferred} rate={stats.BitRate} ecm={(stats.Ecm ? 1 : 0)}"
                : $"received: {received.Length} files, {comparison}";
        }

        var last = TimeSpan.FromMilliseconds(i * AudioFrame.Milliseconds);
        return new CallMeasurement(
            "lines",
            ok,
            detail,
            cpuNs / 1e6,
            kernelMs,
            terminals.Ms(_bracketOverheadNs),
            0,
            ticks.Ms(_bracketOverheadNs),
            0,
            (terminals.Brackets + ticks.Brackets) * _bracketOverheadNs / 1e6,
            offHook ?? last,
            senderStart ?? last,
            answer ?? last,
            receiverEnd ?? last);
    }
}
