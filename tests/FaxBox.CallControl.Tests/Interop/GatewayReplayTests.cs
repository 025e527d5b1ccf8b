using System.Globalization;
using FaxBox.CallControl.Bridging;
using FaxBox.CallControl.Configuration;
using FaxBox.CallControl.Tests.Gateway;
using FaxBox.Core.Status;
using FaxBox.Fax.Documents;
using FaxBox.LineInterface.Simulated;
using FaxBox.Testing.Interop;
using Microsoft.Extensions.Logging.Abstractions;

namespace FaxBox.CallControl.Tests.Interop;

/// <summary>
/// The gateway against a real third party: sipp replays Asterisk's side of a captured fax call (its SIP and its
/// recorded CNG audio and UDPTL) to the box, whose virtual fax machine on FXS 0 receives the document through the
/// box's T.38 or G.711 relay. Real time: the far end is a wall-clock recording.
/// </summary>
[Collection(InteropCollection.Name)]
public sealed class GatewayReplayTests : IDisposable
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(90);
    private readonly TempFolder _work = TestPaths.NewTempFolder();

    public void Dispose() => _work.Dispose();

    /// <remarks>
    /// Only the G.711 recording here: with the T.38 sender recordings the box's machine (a live T.30 receiver behind the
    /// box's T.38 gateway) repeats DIS on its own timetable, and the recorded DCS, which answered Asterisk's DIS, arrives
    /// over a repeat: the machine gives up after three DIS ("disconnected after permitted retries"). A one-way recording
    /// cannot follow a live T.30 handshake; the T.38 direction is covered by the box sending to the recorded receiver
    /// below, and by the box's own T.38 terminal against the same recordings (<see cref="ReplayTests"/>).
    /// </remarks>
    [Theory]
    [InlineData("asterisk-g711-fax-1page.pcapng", "uac-g711-sender.xml", CallMediaMode.G711Fax)]
    public async Task Asterisk_as_the_sender_calls_the_box_and_its_fax_machine_receives_the_pages(string capture, string scenario, CallMediaMode mode)
    {
        await SippRunner.RequirePcapPlayAsync();
        var replay = await CaptureReplay.OpenAsync(capture);
        var files = new Dictionary<string, string> { ["sender-audio.pcap"] = _work.File("sender-audio.pcap") };
        await replay.ExtractAsync(replay.MediaPort(CaptureReplay.SenderSipPort, "audio"), files["sender-audio.pcap"]);
        if (mode == CallMediaMode.T38)
        {
            files["sender-image.pcap"] = _work.File("sender-image.pcap");
            await replay.ExtractAsync(replay.MediaPort(CaptureReplay.SenderSipPort, "image"), files["sender-image.pcap"]);
        }

        // The box's only FXS port answers calls to its account user "fax"; the machine answers on the first ring. The
        // recording cannot answer an offer it did not make: the box waits for the recorded sender's T.38 re-INVITE
        // (accept-only) or, for the G.711 recording, never offers T.38.
        var options = GatewayBox.Options("fax", null, fax: new FaxOptions { T38 = mode == CallMediaMode.T38 ? T38Initiation.AcceptOnly : T38Initiation.Never });
        options.Ports.RemoveAt(1);
        await using var box = GatewayBox.Create(options, GatewayFaxTests.Receiver(answerAfterRings: 1), new CallMediaFactory(options.Media, Native.Engine, NullLoggerFactory.Instance), _work.Path);

        var sipp = SippRunner.RunAsync(
            SippRunner.Replay(scenario),
            box.SipHostPort,
            ["-s", "fax", "-mp", FreePorts.UdpBlock(4).ToString(CultureInfo.InvariantCulture)],
            Limit,
            files: files);
        var receiver = box.Simulation.FaxMachines["fxs0"];
        var finished = await GatewayBox.RunRealTime(() => receiver.State == VirtualFaxState.Finished && box.Status.Current.RecentFaxes.Length == 1 || sipp.IsCompleted && receiver.State != VirtualFaxState.InCall && receiver.Result is not null, Limit, box);
        var (exit, output) = await sipp.WaitAsync(Limit);
        Assert.True(finished && receiver.Result?.Success == true, $"receiver {receiver.State} {receiver.Result}; sipp exit {exit}\n{output}");
        Assert.True(await GatewayBox.Run(() => box.Status.Current.RecentFaxes.Length == 1, TimeSpan.FromSeconds(10), box));
        var record = box.Status.Current.RecentFaxes[0];
        Assert.Equal(mode, record.Mode);
        Assert.True(record.Pages >= 1, record.ToString());
        var received = Assert.Single(Directory.GetFiles(Path.Combine(_work.Path, "received"), "*.tif"));
        var expected = FaxDocument.Load(TestPaths.SharedFile("captures/test-2p-g3.tif"));
        var got = FaxDocument.Load(received);
        var comparison = FaxDocumentComparer.Compare(new FaxDocument([.. expected.Pages.Take(got.Pages.Count)]), got);
        Assert.True(comparison.Identical, comparison.ToString());
    }

    [Theory]
    [InlineData("asterisk-t38-ecm-1page.pcapng", true)]
    [InlineData("asterisk-t38-nonecm-2pages.pcapng", false)]
    public async Task The_box_fax_machine_calls_Asterisk_as_the_receiver_which_re_invites_to_T38(string capture, bool ecm)
    {
        await SippRunner.RequirePcapPlayAsync();
        var replay = await CaptureReplay.OpenAsync(capture);
        var files = new Dictionary<string, string>
        {
            ["receiver-audio.pcap"] = _work.File("receiver-audio.pcap"),
            ["receiver-image.pcap"] = _work.File("receiver-image.pcap"),
        };
        await replay.ExtractAsync(replay.MediaPort(CaptureReplay.ReceiverSipPort, "audio"), files["receiver-audio.pcap"]);
        await replay.ExtractAsync(replay.MediaPort(CaptureReplay.ReceiverSipPort, "image"), files["receiver-image.pcap"]);
        int sippPort = FreePorts.UdpAndTcp();
        var sipp = SippRunner.RunAsync(
            SippRunner.Replay("uas-t38-reinvite-receiver.xml"),
            "127.0.0.1:5060",
            ["-s", "fax", "-mp", FreePorts.UdpBlock(4).ToString(CultureInfo.InvariantCulture)],
            Limit,
            localPort: sippPort,
            files: files);
        await SippRunner.WaitListeningAsync(sippPort);

        // The machine sends the recorded document (both pages) to 100 at sipp; the recorded receiver re-INVITEs to T.38.
        var options = GatewayBox.Options("fax", $"127.0.0.1:{sippPort.ToString(CultureInfo.InvariantCulture)}", fax: new FaxOptions { T38 = T38Initiation.AcceptOnly });
        options.Ports.RemoveAt(1);
        var scenario = GatewayFaxTests.Sender("100", 2, ecm);
        scenario = new LineInterface.Simulated.Scenarios.SimulationScenario
        {
            Ports = [new LineInterface.Simulated.Scenarios.SimulatedPortScenario { Port = 0, Type = scenario.Ports[0].Type, Terminal = new LineInterface.Simulated.Scenarios.SimulatedTerminalScenario { Kind = scenario.Ports[0].Terminal!.Kind, Direction = Fax.FaxDirection.Send, To = "100", At = TimeSpan.FromSeconds(0.5), Document = TestPaths.SharedFile("captures/test-2p-g3.tif"), Ecm = ecm } }],
        };
        await using var box = GatewayBox.Create(options, scenario, new CallMediaFactory(options.Media, Native.Engine, NullLoggerFactory.Instance), _work.Path);
        var sender = box.Simulation.FaxMachines["fxs0"];
        var finished = await GatewayBox.RunRealTime(() => sender.State == VirtualFaxState.Finished || sipp.IsCompleted, Limit, box);
        var (exit, output) = await sipp.WaitAsync(Limit);
        Assert.True(finished && sender.Result?.Success == true, $"sender {sender.State} {sender.Result}; sipp exit {exit}\n{output}");
        Assert.Equal(2, sender.Result!.Statistics.PagesTransferred);
    }
}
