using System.Globalization;
using FaxBox.CallControl.Terminals;
using FaxBox.Core.Status;
using FaxBox.Fax.Documents;
using FaxBox.FaxServer.Documents;
using FaxBox.FaxServer.Inbox;
using FaxBox.FaxServer.Queue;
using FaxBox.Testing.Interop;

namespace FaxBox.FaxServer.Tests.Interop;

/// <summary>
/// The fax server against a real third party: sipp replays one Asterisk of the shared captures (tests/Shared/Interop/Replays,
/// media cut from captures/*.pcapng by <see cref="CaptureReplay"/>) to a running box (<see cref="ReplayFaxServer"/>: the
/// gateway's own terminal, the inbox and the SQLite outbox behind it, on real sockets). As Asterisk "B" (the sender) sipp
/// calls the box's number and the fax must land in the inbox, routed and delivered, every page pixel-identical to the
/// capture's document (captures/test-2p-g3.tif); as Asterisk "A" (the receiver, re-INVITEing to T.38) it takes a queued job,
/// which must end sent with every page confirmed. A replay is one-way and runs on the recording's wall clock (see
/// CallControl's ReplayTests for why it works and its limitation test), so each test takes about the recording's length
/// (20–35 s). The class is its own test collection: it runs beside the project's other tests, its own tests one by one.
/// </summary>
public sealed class FaxServerReplayTests : IDisposable
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(75);
    private readonly TempFolder _work = TestPaths.NewTempFolder();

    public void Dispose() => _work.Dispose();

    /// <remarks>
    /// The box answers over G.711 and re-INVITEs to T.38 on the recorded CNG, as Asterisk "A" did; the recording accepts
    /// and plays its UDPTL. The "1page" ECM capture carries both pages of the document (see CallControl's ReplayTests).
    /// </remarks>
    [Theory]
    [InlineData("asterisk-t38-ecm-1page.pcapng", true)]
    [InlineData("asterisk-t38-nonecm-2pages.pcapng", false)]
    public async Task Sipp_as_the_asterisk_sender_calls_the_box_number_and_the_fax_lands_in_the_inbox_over_T38(string capture, bool ecm)
    {
        var replay = await CaptureReplay.OpenAsync(capture);
        var files = new Dictionary<string, string> { ["sender-audio.pcap"] = _work.File("sender-audio.pcap"), ["sender-image.pcap"] = _work.File("sender-image.pcap") };
        await replay.ExtractAsync(replay.MediaPort(CaptureReplay.SenderSipPort, "audio"), files["sender-audio.pcap"]);
        int imagePackets = await replay.ExtractAsync(replay.MediaPort(CaptureReplay.SenderSipPort, "image"), files["sender-image.pcap"]);

        await using var box = await ReplayFaxServer.StartAsync(_work.File("data"), null, FaxTransport.T38);
        using var media = SippMediaPorts.Reserve();
        var fax = await ReceiveAsync(box, "uac-t38-accept-sender.xml", files, media);

        AssertInInbox(box, fax, pages: 2);
        var record = Assert.IsType<FaxRecord>(fax.Record);
        Assert.Equal(CallMediaMode.T38, record.Mode);
        Assert.StartsWith("box re-INVITE on", record.ModeReason, StringComparison.Ordinal);
        Assert.Equal(ecm, record.Ecm);
        Assert.Equal(14_400, record.BitRate);
        Assert.NotNull(record.T38);
        Assert.True(record.Network.PacketsReceived >= imagePackets * 9 / 10, $"{record.Network.PacketsReceived} of the recording's {imagePackets} UDPTL datagrams counted");
        Assert.Equal(0, record.Network.PacketsLost);
        Assert.True(media.DrainImage() > 0, "the box sent no UDPTL to the replay's T.38 port");
    }

    [Fact]
    public async Task Sipp_as_the_asterisk_g711_sender_calls_the_box_number_and_the_fax_lands_in_the_inbox_over_G711()
    {
        var replay = await CaptureReplay.OpenAsync("asterisk-g711-fax-1page.pcapng");
        var files = new Dictionary<string, string> { ["sender-audio.pcap"] = _work.File("sender-audio.pcap") };
        await replay.ExtractAsync(replay.MediaPort(CaptureReplay.SenderSipPort, "audio"), files["sender-audio.pcap"]);

        // The recording never answers a re-INVITE: the box takes this one over G.711 with its own modem.
        await using var box = await ReplayFaxServer.StartAsync(_work.File("data"), null, FaxTransport.G711);
        using var media = SippMediaPorts.Reserve();
        var fax = await ReceiveAsync(box, "uac-g711-sender.xml", files, media);

        AssertInInbox(box, fax, pages: 1);
        var record = Assert.IsType<FaxRecord>(fax.Record);
        Assert.Equal(CallMediaMode.G711Fax, record.Mode);
        Assert.True(record.Ecm);
        Assert.Equal(14_400, record.BitRate);
        Assert.Equal(0, record.Network.PacketsLost);
    }

    /// <remarks>
    /// The job's first rung is T.38 with ECM at 14,400 bit/s, what the capture's sender used; the recorded receiver
    /// re-INVITEs to T.38 3 s after answering, before the box's own T.38 time-out (5 s) would. A non-ECM job cannot be
    /// replayed the same way: the ladder's non-ECM rungs run at 9,600 bit/s, off the 14,400 bit/s recording's timetable.
    /// </remarks>
    [Fact]
    public async Task A_queued_job_is_sent_to_sipp_as_the_asterisk_receiver_which_reinvites_to_T38_and_ends_sent_with_every_page_confirmed()
    {
        var replay = await CaptureReplay.OpenAsync("asterisk-t38-ecm-1page.pcapng");
        var files = new Dictionary<string, string> { ["receiver-audio.pcap"] = _work.File("receiver-audio.pcap"), ["receiver-image.pcap"] = _work.File("receiver-image.pcap") };
        await replay.ExtractAsync(replay.MediaPort(CaptureReplay.ReceiverSipPort, "audio"), files["receiver-audio.pcap"]);
        await replay.ExtractAsync(replay.MediaPort(CaptureReplay.ReceiverSipPort, "image"), files["receiver-image.pcap"]);
        await SippRunner.RequirePcapPlayAsync();
        int sippPort = FreePorts.UdpAndTcp();
        using var media = SippMediaPorts.Reserve();
        var sipp = SippRunner.RunAsync(
            SippRunner.Replay("uas-t38-reinvite-receiver.xml"),
            "127.0.0.1:5060",
            ["-s", "fax", .. media.Arguments],
            Limit,
            localPort: sippPort,
            files: files);
        await SippRunner.WaitListeningAsync(sippPort);

        await using var box = await ReplayFaxServer.StartAsync(_work.File("data"), $"127.0.0.1:{sippPort.ToString(CultureInfo.InvariantCulture)}", FaxTransport.T38);
        var document = TestPaths.SharedFile("captures/test-2p-g3.tif");
        var job = await box.Server.SubmitAsync(new FaxSubmission([new DocumentSource(document)], "100", "replay test"), CancellationToken.None);
        Assert.Equal(2, job.Pages);
        Assert.True(FaxDocumentComparer.Compare(document, job.DocumentPath).Identical, "the queued document differs from the capture's");

        bool finished = await ReplayFaxServer.WaitAsync(() => box.Server.Jobs.Get(job.Id)?.IsFinished == true || box.Server.Jobs.Get(job.Id)?.State == FaxJobState.WaitingRetry || sipp.IsCompleted, Limit);
        var done = box.Server.Jobs.Get(job.Id)!;
        var attempt = Assert.Single(box.Server.Jobs.Attempts(job.Id));
        var (exit, output) = await sipp.WaitAsync(Limit + TimeSpan.FromSeconds(15));
        Assert.True(finished && done.State == FaxJobState.Sent, $"job {done.State} ({done.LastResult}); attempt {attempt.Outcome} {attempt.Reason}; sipp exit {exit}\n{output}");
        Assert.True(exit == 0, $"sipp exit {exit}:\n{output}");

        Assert.Equal(1, done.Attempts);
        Assert.Equal(FaxAttemptOutcome.Sent, attempt.Outcome);
        Assert.Equal(new FaxRung(FaxTransport.T38, true, 14_400), attempt.Rung);
        Assert.Equal(2, attempt.PagesConfirmed);
        var record = Assert.IsType<FaxRecord>(attempt.Record);
        Assert.True(record.Success, record.Result);
        Assert.Equal(CallMediaMode.T38, record.Mode);
        Assert.Equal("peer re-INVITE to T.38", record.ModeReason);
        Assert.True(record.Ecm);
        Assert.Equal(14_400, record.BitRate);
        Assert.Equal(2, record.Pages);
        Assert.True(media.DrainImage() > 0, "the box sent no UDPTL to the replay's T.38 port");
    }

    /// <summary>Runs the sender <paramref name="scenario"/> against the box's number until the inbox has the fax delivered.</summary>
    private static async Task<ReceivedFax> ReceiveAsync(ReplayFaxServer box, string scenario, Dictionary<string, string> files, SippMediaPorts media)
    {
        await SippRunner.RequirePcapPlayAsync();
        var sipp = SippRunner.RunAsync(
            SippRunner.Replay(scenario),
            box.SipHostPort,
            ["-s", ReplayFaxServer.TerminalNumber, .. media.Arguments],
            Limit,
            files: files);
        // The box hangs up once the fax is through (sipp then ends), and commits and delivers the fax after that: a sipp
        // that ended is waited on for a grace period before an empty inbox counts as a failure.
        DateTime? sippEnded = null;
        bool delivered = await ReplayFaxServer.WaitAsync(
            () => box.Server.Inbox.List() is [{ Ended: not null, HasPendingDeliveries: false }]
                || (sipp.IsCompleted && DateTime.UtcNow - (sippEnded ??= DateTime.UtcNow) > TimeSpan.FromSeconds(15)),
            Limit);
        var (exit, output) = await sipp.WaitAsync(Limit + TimeSpan.FromSeconds(15));
        var faxes = box.Server.Inbox.List();
        Assert.True(delivered && faxes.Count == 1, $"inbox: {string.Join("; ", faxes.Select(f => $"{f.Folder}/{f.Id} {f.Result} {f.Pages} page(s), {f.Deliveries.Count(d => d.IsPending)} pending"))}; sipp exit {exit}\n{output}");
        Assert.True(exit == 0, $"sipp exit {exit}:\n{output}");
        return faxes[0];
    }

    /// <summary>The fax is in the rule's folder, complete and routed, delivered to the webhook, its pages pixel-identical to the capture's.</summary>
    private static void AssertInInbox(ReplayFaxServer box, ReceivedFax fax, int pages)
    {
        Assert.True(fax.Success, fax.Result);
        Assert.Equal((ReplayFaxServer.Folder, 0, ReplayFaxServer.TerminalNumber, "100"), (fax.Folder, fax.RuleIndex, fax.CalledNumber, fax.CallerNumber));
        Assert.Equal(pages, fax.Pages);
        var delivery = Assert.Single(fax.Deliveries);
        Assert.NotNull(delivery.DeliveredAt);
        var (post, signed) = Assert.Single(box.Hook.Posts);
        Assert.True(signed, "the webhook's signature did not verify");
        Assert.Equal((fax.Id, pages), (post.GetProperty("id").GetString(), post.GetProperty("pages").GetInt32()));

        var path = box.Server.Inbox.GetDocumentPath(fax.Id);
        Assert.NotNull(path);
        var comparison = FaxDocumentComparer.Compare(TestPaths.SharedFile("captures/test-2p-g3.tif"), path);
        Assert.Equal(pages, comparison.ActualPages);
        for (int i = 0; i < pages; i++)
        {
            var page = comparison.Pages[i];
            Assert.True(page.SizeMatches && page.ResolutionMatches && page.DifferingPixels == 0, $"page {i + 1}: {page}");
        }
    }
}
