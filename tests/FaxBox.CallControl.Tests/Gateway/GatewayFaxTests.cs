using FaxBox.CallControl.Bridging;
using FaxBox.CallControl.Configuration;
using FaxBox.Core.Status;
using FaxBox.Fax;
using FaxBox.Fax.Documents;
using FaxBox.LineInterface.Simulated;
using FaxBox.LineInterface.Simulated.Scenarios;
using Microsoft.Extensions.Logging.Abstractions;

namespace FaxBox.CallControl.Tests.Gateway;

/// <summary>
/// End to end through real sockets on 127.0.0.1: a virtual fax machine on box A's FXS port sends to a virtual fax
/// machine on box B's FXS port, through both gateways' SIP and media, faster than real time.
/// </summary>
public sealed class GatewayFaxTests : IDisposable
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(40);
    private readonly TempFolder _work = TestPaths.NewTempFolder();

    public void Dispose() => _work.Dispose();

    internal static SimulationScenario Sender(string to, int pages, bool ecm = true) => new()
    {
        Ports = [new SimulatedPortScenario { Port = 0, Type = ScenarioPortType.Fxs, Terminal = new SimulatedTerminalScenario { Kind = SimulatedTerminalKind.FaxMachine, Direction = FaxDirection.Send, To = to, TestPages = pages, At = TimeSpan.FromSeconds(1), Ident = "SENDER", Ecm = ecm } }],
    };

    internal static SimulationScenario Receiver(int? answerAfterRings = null) => new()
    {
        Ports = [new SimulatedPortScenario { Port = 0, Type = ScenarioPortType.Fxs, Terminal = new SimulatedTerminalScenario { Kind = SimulatedTerminalKind.FaxMachine, Direction = FaxDirection.Receive, ReceiveFolder = "received", Ident = "RECEIVER", AnswerAfterRings = answerAfterRings } }],
    };

    private static CallMediaFactory RealMedia(GatewayOptions options) => new(options.Media, Native.Engine, NullLoggerFactory.Instance);

    /// <summary>Runs a fax from A's machine to B's; returns both boxes' records and the received machine.</summary>
    private async Task<(FaxRecord A, FaxRecord B, VirtualFaxMachine Sent, VirtualFaxMachine Received)> Fax(int pages, FaxOptions? faxA = null, FaxOptions? faxB = null, double lossPercentAtA = 0)
    {
        var optionsB = GatewayBox.Options("boxb", null, fax: faxB);
        await using var b = GatewayBox.Create(optionsB, Receiver(), RealMedia(optionsB), Path.Combine(_work.Path, "b"));
        var optionsA = GatewayBox.Options("boxa", b.SipHostPort, number: "101", fax: faxA);
        optionsA.Media.SimulatedLossPercent = lossPercentAtA;
        await using var a = GatewayBox.Create(optionsA, Sender("201", pages), RealMedia(optionsA), Path.Combine(_work.Path, "a"));
        var sender = a.Simulation.FaxMachines["fxs0"];
        var receiver = b.Simulation.FaxMachines["fxs0"];
        Assert.True(
            await GatewayBox.Run(() => a.Status.Current.RecentFaxes.Length == 1 && b.Status.Current.RecentFaxes.Length == 1 && sender.State == VirtualFaxState.Finished && receiver.State == VirtualFaxState.Finished, Limit, a, b),
            $"sender {sender.State} {sender.Result} {sender.Terminal?.GetStatistics()}, receiver {receiver.State} {receiver.Result} {receiver.Terminal?.GetStatistics()}; A {a.Port("fxs0").State}, B {b.Port("fxs0").State} at {a.Now}");
        Assert.True(receiver.Result?.Success, $"receiver: {receiver.Result}");
        Assert.True(sender.Result?.Success, $"sender: {sender.Result}");
        var received = Assert.Single(Directory.GetFiles(Path.Combine(b.WorkFolder, "received"), "*.tif"));
        var comparison = FaxDocumentComparer.Compare(Path.Combine(a.WorkFolder, "fxs0-test-page.tif"), received);
        Assert.True(comparison.Identical, comparison.ToString());
        return (a.Status.Current.RecentFaxes[0], b.Status.Current.RecentFaxes[0], sender, receiver);
    }

    [Fact]
    public async Task A_fax_is_relayed_over_T38_when_the_answering_box_re_invites()
    {
        var (a, b, _, _) = await Fax(2);
        foreach (var record in new[] { a, b })
        {
            Assert.Equal(CallMediaMode.T38, record.Mode);
            Assert.True(record.Success, record.Result);
            Assert.Equal(2, record.Pages);
            Assert.Equal(14_400, record.BitRate);
            Assert.True(record.Ecm);
            Assert.True(record.Network.PacketsSent > 0 && record.Network.PacketsReceived > 0);
            Assert.Equal(0, record.Network.PacketsLost);

            // The ladder: the answering machine's DIS comes from the far side at box A (the sender's port) and from the
            // line at box B; the session ends in DCN; times never go backwards.
            Assert.Contains(record.T30Frames, f => f.Name == "DIS");
            Assert.Contains(record.T30Frames, f => f.Name == "DCS" && f.Bytes is not null);
            Assert.True(record.T30Frames.Count(f => f.Name == "PPS") >= 2, string.Join("\n", record.T30Frames));
            Assert.Equal(record.T30Frames.Count(f => f.Name == "PPS"), record.T30Frames.Count(f => f.Name == "MCF"));
            Assert.Equal("DCN", record.T30Frames[^1].Name);
            Assert.True(record.T30Frames.Zip(record.T30Frames.Skip(1)).All(p => p.First.At <= p.Second.At));
        }

        Assert.Equal(T30FrameOrigin.Remote, a.T30Frames.First(f => f.Name == "DIS").From);
        Assert.Equal(T30FrameOrigin.Local, a.T30Frames.First(f => f.Name == "DCS").From);
        Assert.Equal(T30FrameOrigin.Local, b.T30Frames.First(f => f.Name == "DIS").From);
        Assert.Equal(T30FrameOrigin.Remote, b.T30Frames.First(f => f.Name == "DCS").From);
        Assert.Equal("box re-INVITE on Ced", b.ModeReason);
        Assert.Equal("peer re-INVITE to T.38", a.ModeReason);
    }

    [Fact]
    public async Task A_refused_T38_falls_back_to_G711_and_the_fax_still_goes_through()
    {
        var (a, b, _, _) = await Fax(1, faxA: new FaxOptions { T38 = T38Initiation.Never });
        Assert.Equal(CallMediaMode.G711Fax, b.Mode);
        Assert.StartsWith("T.38 refused: 488", b.ModeReason, StringComparison.Ordinal);
        Assert.Equal(CallMediaMode.G711Fax, a.Mode);
        Assert.True(a.Success && b.Success, $"{a.Result} / {b.Result}");
        Assert.Equal(1, b.Pages);
    }

    [Fact]
    public async Task Glare_on_a_real_fax_still_relays_over_T38()
    {
        var (a, b, _, _) = await Fax(1, faxA: new FaxOptions { T38 = T38Initiation.OnCng });
        Assert.Equal(CallMediaMode.T38, a.Mode);
        Assert.Equal(CallMediaMode.T38, b.Mode);
    }

    [Fact]
    public async Task Five_percent_loss_each_way_is_recovered_by_UDPTL_redundancy_3()
    {
        var (a, b, _, _) = await Fax(1, lossPercentAtA: 5);
        foreach (var record in new[] { a, b })
        {
            Assert.Equal(CallMediaMode.T38, record.Mode);
            Assert.True(record.Success, record.Result);
        }

        Assert.True(a.Network.RecoveredByRedundancy + b.Network.RecoveredByRedundancy > 0, $"{a.Network} / {b.Network}");
    }

    [Fact]
    public async Task A_ten_page_fax_goes_through_two_boxes()
    {
        var (a, b, _, _) = await Fax(10);
        Assert.Equal(10, b.Pages);
        Assert.Equal(10, a.Pages);
    }
}
