using FaxBox.CallControl.Bridging;
using FaxBox.CallControl.Tests.Gateway;
using FaxBox.Core.Status;
using FaxBox.Fax.Documents;
using FaxBox.LineInterface.Simulated;
using Microsoft.Extensions.Logging.Abstractions;

namespace FaxBox.CallControl.Tests.Terminals;

/// <summary>
/// FXS store-and-forward: the fax machine's outgoing call is answered by the box's own fax terminal on the line and the
/// document handed to the fax service (the sink), with no SIP call at all.
/// </summary>
public sealed class StoreAndForwardTests : IDisposable
{
    private readonly TempFolder _work = TestPaths.NewTempFolder();

    public void Dispose() => _work.Dispose();

    [Fact]
    public async Task The_machines_fax_is_answered_by_the_box_and_handed_to_the_sink_with_the_port_and_dialled_number()
    {
        var options = GatewayBox.Options("boxa", "127.0.0.1:9", number: "101");
        options.Ports[0].StoreAndForward = true;
        options.Terminal.Numbers = ["300"];
        var sink = new RecordingFaxSink(Path.Combine(_work.Path, "inbox"));
        await using var a = GatewayBox.Create(options, GatewayFaxTests.Sender("201", 2), new CallMediaFactory(options.Media, Native.Engine, NullLoggerFactory.Instance), Path.Combine(_work.Path, "a"));
        a.Gateway.FaxSink = sink;
        var machine = a.Simulation.FaxMachines["fxs0"];
        Assert.True(await GatewayBox.Run(() => machine.State == VirtualFaxState.Finished && !sink.Completions.IsEmpty, TimeSpan.FromMinutes(15), a), $"machine {machine.State} at {a.Now}");

        Assert.True(machine.Result?.Success, machine.Result?.ToString());
        var (call, outcome) = Assert.Single(sink.Completions);
        Assert.Equal("fxs0", call.Via);
        Assert.Equal("201", call.CalledNumber);
        Assert.Equal("101", call.CallerNumber);
        Assert.True(outcome.Success, outcome.Result);
        Assert.Equal(2, outcome.Pages);
        Assert.Equal("SENDER", outcome.RemoteIdent);
        var record = Assert.Single(a.Status.Current.RecentFaxes);
        Assert.Equal("fxs0", record.Port);
        Assert.StartsWith("store-and-forward", record.ModeReason, StringComparison.Ordinal);
        Assert.Empty(a.Gateway.Accounts[0].UserAgent.Calls);
        var comparison = FaxDocumentComparer.Compare(Path.Combine(a.WorkFolder, "fxs0-test-page.tif"), outcome.ReceivePath);
        Assert.True(comparison.Identical, comparison.ToString());
        Assert.True(await GatewayBox.Run(() => a.Port("fxs0").State == PortState.Idle, TimeSpan.FromMinutes(1), a), $"port {a.Port("fxs0").State}");
    }
}
