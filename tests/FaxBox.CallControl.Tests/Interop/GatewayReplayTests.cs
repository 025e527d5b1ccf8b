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

    [Theory]
    [InlineData("asterisk-t38-ecm-1page.pcapng", "uac-t38-reinvite-sender.xml", CallMediaMode.T38)]
    [InlineData("asterisk-t38-nonecm-2pages.pcapng", "uac-t38-reinvite-sender.xml", CallMediaMode.T38)]
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
}
