using System.Globalization;
using System.Net;
using System.Net.Sockets;
using FaxBox.Fax;
using FaxBox.Fax.Documents;
using FaxBox.Fax.SpanDsp;
using FaxBox.Media.Scheduling;
using FaxBox.Sip.Calls;
using FaxBox.Sip.Messages;
using FaxBox.Sip.Sdp;
using FaxBox.Sip.Tests.Interop;
using FaxBox.Testing.Interop;
using Microsoft.Extensions.Logging.Abstractions;

namespace FaxBox.CallControl.Tests.Interop;

/// <summary>
/// The sipp replays of the shared Asterisk captures (tests/Shared/Interop/Replays) validated against FaxBox's own SIP
/// stack and the engine's fax terminals on real sockets on 127.0.0.1. sipp plays one Asterisk's recorded media with the
/// capture's timing (pcaps cut from the captures with tshark at test time): as the sender, the box's terminal receives
/// and its pages must be pixel-identical to the document the capture sent (captures/test-2p-g3.tif); as the receiver,
/// the box's terminal sends that document and must see every page confirmed. A replay is one-way: it works because the
/// box's terminal is spandsp, like the recorded peer's, and so keeps the recording's timetable; see the limitation test.
/// These are what the gateway is tested against next. Each test takes 20–35 s of wall time (the recording's length).
/// </summary>
[Collection(InteropCollection.Name)]
public sealed class ReplayTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(60);

    /// <summary>When Asterisk "A" re-INVITEd to T.38 in the captures, after its answer.</summary>
    private static readonly TimeSpan CaptureReinviteDelay = TimeSpan.FromSeconds(3);

    /// <summary>Pages the G.711 capture carries.</summary>
    private const int G711CapturePages = 1;

    /// <remarks>
    /// The "1page" ECM capture carries both pages of the document (PPS-MPS for page 0, PPS-EOP for page 1), despite its
    /// name and captures/README.md.
    /// </remarks>
    [Theory]
    [InlineData("asterisk-t38-ecm-1page.pcapng", 2, true)]
    [InlineData("asterisk-t38-nonecm-2pages.pcapng", 2, false)]
    public async Task Sipp_as_the_asterisk_sender_reinvites_to_t38_and_the_box_t38_terminal_receives_the_pages(string capture, int pages, bool ecm)
    {
        using var temp = TestPaths.NewTempFolder();
        var replay = await CaptureReplay.OpenAsync(capture);
        int audioPackets = await replay.ExtractAsync(replay.MediaPort(CaptureReplay.SenderSipPort, "audio"), temp.File("sender-audio.pcap"));
        int imagePackets = await replay.ExtractAsync(replay.MediaPort(CaptureReplay.SenderSipPort, "image"), temp.File("sender-image.pcap"));

        using var clock = StartClock();
        using var fax = new ReplayT38Terminal(Engine(), ReceiverOptions(temp), clock);
        using var audio = CountingSocket();
        var negotiator = new SdpNegotiator(new SdpMediaOptions { AudioPort = ((IPEndPoint)audio.LocalEndPoint!).Port, ImagePort = fax.LocalEndPoint.Port }, 1);
        await using var box = FaxBoxCallStack.Start();
        var answered = new TaskCompletionSource<SipCall>(TaskCreationOptions.RunContinuationsAsynchronously);
        box.Ua.IncomingCall.Add(async (call, ct) =>
        {
            call.OfferHandler = (offer, _) =>
            {
                var answer = negotiator.CreateAnswer(offer.Offer);
                if (answer.Session.Kind != SdpMediaKind.T38 || answer.Session.Remote is null)
                {
                    return ValueTask.FromResult(SipOfferDecision.Refuse());
                }

                fax.Start(answer.Session.Remote, ReplayT38Terminal.UdptlFor(answer.Session.T38));
                call.IsFaxActive = true;
                return ValueTask.FromResult(SipOfferDecision.Accept(answer.Description));
            };
            await call.AnswerAsync(negotiator.CreateAnswer(call.RemoteOffer!).Description, ct);
            answered.TrySetResult(call);
        });

        var sipp = await RunSippAsync("uac-t38-reinvite-sender.xml", box.Port, temp, "sender-audio.pcap", null, "sender-image.pcap");

        var result = await CompleteAsync(fax.Completed, sipp);
        await (await answered.Task.WaitAsync(Limit)).HangUpAsync().WaitAsync(Limit);
        await AssertSippPassedAsync(sipp);

        AssertReceived(result, temp.File("received.tif"), pages, ecm);
        var udptl = fax.Session!.ReceiveStatistics;
        AssertAllArrived(imagePackets, udptl.Datagrams);
        Assert.Equal(0, udptl.Malformed);
        Assert.Equal(0, udptl.IfpsLost);
        Assert.Contains(fax.Frames, f => f.Incoming && f.Type == T30FrameType.Dcs);
        Assert.InRange(Drain(audio), audioPackets * 9 / 10, audioPackets); // the CNG audio before the re-INVITE arrived too
    }

    [Fact]
    public async Task Sipp_as_the_asterisk_g711_sender_calls_and_the_box_audio_terminal_receives_the_pages()
    {
        using var temp = TestPaths.NewTempFolder();
        var replay = await CaptureReplay.OpenAsync("asterisk-g711-fax-1page.pcapng");
        int audioPackets = await replay.ExtractAsync(replay.MediaPort(CaptureReplay.SenderSipPort, "audio"), temp.File("sender-audio.pcap"));

        using var clock = StartClock();
        using var fax = new ReplayAudioTerminal(Engine(), ReceiverOptions(temp), clock);
        var negotiator = new SdpNegotiator(new SdpMediaOptions { AudioPort = fax.LocalEndPoint.Port, AcceptT38 = false, AudioPayloadTypes = [0] }, 1);
        await using var box = FaxBoxCallStack.Start();
        var answered = new TaskCompletionSource<SipCall>(TaskCreationOptions.RunContinuationsAsynchronously);
        box.Ua.IncomingCall.Add(async (call, ct) =>
        {
            var answer = negotiator.CreateAnswer(call.RemoteOffer!);
            Assert.Equal(SdpMediaKind.Audio, answer.Session.Kind);
            fax.Start(answer.Session.Remote!, answer.Session.AudioPayloadType);
            call.IsFaxActive = true;
            await call.AnswerAsync(answer.Description, ct);
            answered.TrySetResult(call);
        });

        var sipp = await RunSippAsync("uac-g711-sender.xml", box.Port, temp, "sender-audio.pcap");
        var result = await CompleteAsync(fax.Completed, sipp);
        await (await answered.Task.WaitAsync(Limit)).HangUpAsync().WaitAsync(Limit);
        await AssertSippPassedAsync(sipp);

        AssertReceived(result, temp.File("received.tif"), G711CapturePages, ecm: true);
        var rtp = fax.Rtp!.Statistics;
        Assert.InRange(rtp.PacketsReceived, audioPackets / 2, audioPackets); // the fax ends (DCN) before the recording does
        Assert.Equal(0, rtp.PacketsLost);
        Assert.Equal(0, fax.OtherPayloads);
    }

    /// <remarks>ECM only: the non-ECM recording is received through the same UDPTL path in the re-INVITEing-sender test.</remarks>
    [Theory]
    [InlineData("asterisk-t38-ecm-1page.pcapng", 2, true)]
    public async Task The_box_calls_sipp_as_the_asterisk_sender_reinvites_to_t38_and_receives_the_pages(string capture, int pages, bool ecm)
    {
        using var temp = TestPaths.NewTempFolder();
        var replay = await CaptureReplay.OpenAsync(capture);
        int imagePackets = await replay.ExtractAsync(replay.MediaPort(CaptureReplay.SenderSipPort, "image"), temp.File("sender-image.pcap"));

        using var clock = StartClock();
        using var fax = new ReplayT38Terminal(Engine(), ReceiverOptions(temp), clock);
        using var audio = CountingSocket();
        var negotiator = new SdpNegotiator(new SdpMediaOptions { AudioPort = ((IPEndPoint)audio.LocalEndPoint!).Port, ImagePort = fax.LocalEndPoint.Port }, 1);
        await using var box = FaxBoxCallStack.Start();
        int sippPort = FreePorts.UdpAndTcp();
        var sipp = await RunSippAsync("uas-t38-accept-sender.xml", box.Port, temp, "sender-image.pcap", sippPort);
        await SippRunner.WaitListeningAsync(sippPort);

        var call = box.Ua.CreateCall(SipUri.Parse($"sip:fax@127.0.0.1:{sippPort.ToString(CultureInfo.InvariantCulture)}"), negotiator.CreateOffer(SdpMediaKind.Audio));
        var dial = await call.DialAsync().WaitAsync(Limit);
        Assert.True(dial.Connected, $"{dial.StatusCode} {dial.ReasonPhrase}");
        await SwitchToT38Async(call, negotiator, fax);

        var result = await CompleteAsync(fax.Completed, sipp);
        await call.HangUpAsync().WaitAsync(Limit);
        await AssertSippPassedAsync(sipp);

        AssertReceived(result, temp.File("received.tif"), pages, ecm);
        AssertAllArrived(imagePackets, fax.Session!.ReceiveStatistics.Datagrams);
        Assert.Equal(0, fax.Session.ReceiveStatistics.IfpsLost);
    }

    [Theory]
    [InlineData("asterisk-t38-ecm-1page.pcapng", 2, true)]
    public async Task Sipp_as_the_asterisk_sender_calls_the_box_reinvites_to_t38_as_the_capture_did_and_receives_the_pages(string capture, int pages, bool ecm)
    {
        using var temp = TestPaths.NewTempFolder();
        var replay = await CaptureReplay.OpenAsync(capture);
        await replay.ExtractAsync(replay.MediaPort(CaptureReplay.SenderSipPort, "audio"), temp.File("sender-audio.pcap"));
        int imagePackets = await replay.ExtractAsync(replay.MediaPort(CaptureReplay.SenderSipPort, "image"), temp.File("sender-image.pcap"));

        using var clock = StartClock();
        using var fax = new ReplayT38Terminal(Engine(), ReceiverOptions(temp), clock);
        using var audio = CountingSocket();
        var negotiator = new SdpNegotiator(new SdpMediaOptions { AudioPort = ((IPEndPoint)audio.LocalEndPoint!).Port, ImagePort = fax.LocalEndPoint.Port }, 1);
        await using var box = FaxBoxCallStack.Start();
        var switched = new TaskCompletionSource<SipCall>(TaskCreationOptions.RunContinuationsAsynchronously);
        box.Ua.IncomingCall.Add(async (call, ct) =>
        {
            await call.AnswerAsync(negotiator.CreateAnswer(call.RemoteOffer!).Description, ct);
            _ = Task.Run(async () =>
            {
                try
                {
                    await Task.Delay(CaptureReinviteDelay);
                    await SwitchToT38Async(call, negotiator, fax);
                    switched.TrySetResult(call);
                }
                catch (Exception e)
                {
                    switched.TrySetException(e);
                }
            });
        });

        var sipp = await RunSippAsync("uac-t38-accept-sender.xml", box.Port, temp, "sender-audio.pcap", null, "sender-image.pcap");
        var result = await CompleteAsync(fax.Completed, sipp);
        await (await switched.Task.WaitAsync(Limit)).HangUpAsync().WaitAsync(Limit);
        await AssertSippPassedAsync(sipp);

        AssertReceived(result, temp.File("received.tif"), pages, ecm);
        AssertAllArrived(imagePackets, fax.Session!.ReceiveStatistics.Datagrams);
    }

    /// <summary>
    /// Known limitation of a one-way replay: the recording does not wait for the box. Its DCS arrives about 7.1 s after
    /// its first UDPTL packet whatever the box did. A receiving terminal that starts listening late (what went by before
    /// is dropped) still receives everything as long as it started well before that DCS, but one started after the DCS
    /// and TCF went by fails with a T.30 error, as against a real sender that never heard CFR.
    /// </summary>
    [Theory]
    [InlineData(5000, true)]
    [InlineData(12000, false)]
    public async Task A_one_way_replay_runs_on_the_capture_timetable_and_a_receiver_starting_after_its_dcs_fails(int startDelayMs, bool completes)
    {
        using var temp = TestPaths.NewTempFolder();
        var replay = await CaptureReplay.OpenAsync("asterisk-t38-ecm-1page.pcapng");
        await replay.ExtractAsync(replay.MediaPort(CaptureReplay.SenderSipPort, "image"), temp.File("sender-image.pcap"));

        using var clock = StartClock();
        using var fax = new ReplayT38Terminal(Engine(), ReceiverOptions(temp), clock);
        using var audio = CountingSocket();
        var negotiator = new SdpNegotiator(new SdpMediaOptions { AudioPort = ((IPEndPoint)audio.LocalEndPoint!).Port, ImagePort = fax.LocalEndPoint.Port }, 1);
        await using var box = FaxBoxCallStack.Start();
        int sippPort = FreePorts.UdpAndTcp();
        var sipp = await RunSippAsync("uas-t38-accept-sender.xml", box.Port, temp, "sender-image.pcap", sippPort);
        await SippRunner.WaitListeningAsync(sippPort);

        var call = box.Ua.CreateCall(SipUri.Parse($"sip:fax@127.0.0.1:{sippPort.ToString(CultureInfo.InvariantCulture)}"), negotiator.CreateOffer(SdpMediaKind.Audio));
        Assert.True((await call.DialAsync().WaitAsync(Limit)).Connected);
        await SwitchToT38Async(call, negotiator, fax, TimeSpan.FromMilliseconds(startDelayMs));

        var result = await CompleteAsync(fax.Completed, sipp);
        await call.HangUpAsync().WaitAsync(Limit);
        await AssertSippPassedAsync(sipp);

        Assert.True(fax.DiscardedBeforeStart > 0, $"{fax.DiscardedBeforeStart} datagrams went by before the terminal listened");
        Assert.True(completes == result.Success, $"{result.Completion} {result.T30Code} {result.T30Text}");
        if (!completes)
        {
            Assert.Equal(FaxCompletion.T30Error, result.Completion);
            Assert.Equal(0, result.Statistics.PagesTransferred);
        }
    }

    /// <summary>
    /// The other direction: sipp replays the receiving Asterisk (CED, DIS, CFR, MCF … at the capture's times) and the
    /// box's T.38 terminal sends the same document. It completes only because the box's sender (spandsp, the same
    /// document and settings as the capture's sender) runs on the capture's timetable: the replayed answers arrive when
    /// the sender is waiting for them.
    /// </summary>
    [Theory]
    [InlineData("asterisk-t38-ecm-1page.pcapng", 2, true)]
    [InlineData("asterisk-t38-nonecm-2pages.pcapng", 2, false)]
    public async Task The_box_calls_sipp_as_the_asterisk_receiver_which_reinvites_to_t38_and_the_box_sends_the_pages(string capture, int pages, bool ecm)
    {
        using var temp = TestPaths.NewTempFolder();
        var replay = await CaptureReplay.OpenAsync(capture);
        await replay.ExtractAsync(replay.MediaPort(CaptureReplay.ReceiverSipPort, "audio"), temp.File("receiver-audio.pcap"));
        int imagePackets = await replay.ExtractAsync(replay.MediaPort(CaptureReplay.ReceiverSipPort, "image"), temp.File("receiver-image.pcap"));

        using var clock = StartClock();
        using var fax = new ReplayT38Terminal(Engine(), SenderOptions(ecm), clock);
        using var audio = CountingSocket();
        var negotiator = new SdpNegotiator(new SdpMediaOptions { AudioPort = ((IPEndPoint)audio.LocalEndPoint!).Port, ImagePort = fax.LocalEndPoint.Port }, 1);
        await using var box = FaxBoxCallStack.Start();
        int sippPort = FreePorts.UdpAndTcp();
        var sipp = await RunSippAsync("uas-t38-reinvite-receiver.xml", box.Port, temp, "receiver-audio.pcap", sippPort, "receiver-image.pcap");
        await SippRunner.WaitListeningAsync(sippPort);

        var call = box.Ua.CreateCall(SipUri.Parse($"sip:b@127.0.0.1:{sippPort.ToString(CultureInfo.InvariantCulture)}"), negotiator.CreateOffer(SdpMediaKind.Audio));
        call.OfferHandler = (offer, _) =>
        {
            var answer = negotiator.CreateAnswer(offer.Offer);
            if (answer.Session.Kind != SdpMediaKind.T38 || answer.Session.Remote is null)
            {
                return ValueTask.FromResult(SipOfferDecision.Refuse());
            }

            fax.Start(answer.Session.Remote, ReplayT38Terminal.UdptlFor(answer.Session.T38));
            call.IsFaxActive = true;
            return ValueTask.FromResult(SipOfferDecision.Accept(answer.Description));
        };
        var dial = await call.DialAsync().WaitAsync(Limit);
        Assert.True(dial.Connected, $"{dial.StatusCode} {dial.ReasonPhrase}");

        var result = await CompleteAsync(fax.Completed, sipp);
        await call.HangUpAsync().WaitAsync(Limit);
        await AssertSippPassedAsync(sipp);

        Assert.True(result.Success, $"{result.Completion} {result.T30Code} {result.T30Text}");
        Assert.Equal(pages, result.Statistics.PagesTransferred);
        Assert.Equal(ecm, result.Statistics.Ecm);
        Assert.Equal(14400, result.Statistics.BitRate);
        Assert.Contains(fax.Frames, f => f.Incoming && f.Type == T30FrameType.Cfr);
        Assert.Contains(fax.Frames, f => f.Incoming && f.Type == T30FrameType.Mcf);
        Assert.True(fax.Session!.ReceiveStatistics.Datagrams >= imagePackets * 9 / 10, $"{fax.Session.ReceiveStatistics.Datagrams} of {imagePackets} UDPTL datagrams arrived");
    }

    [Fact]
    public async Task The_box_calls_sipp_as_the_asterisk_g711_receiver_and_the_box_audio_terminal_sends_the_page()
    {
        using var temp = TestPaths.NewTempFolder();
        var replay = await CaptureReplay.OpenAsync("asterisk-g711-fax-1page.pcapng");
        int audioPackets = await replay.ExtractAsync(replay.MediaPort(CaptureReplay.ReceiverSipPort, "audio"), temp.File("receiver-audio.pcap"));

        using var clock = StartClock();
        using var fax = new ReplayAudioTerminal(Engine(), SenderOptions(ecm: true, await FirstPageAsync(temp)), clock);
        var negotiator = new SdpNegotiator(new SdpMediaOptions { AudioPort = fax.LocalEndPoint.Port, AcceptT38 = false, AudioPayloadTypes = [0] }, 1);
        await using var box = FaxBoxCallStack.Start();
        int sippPort = FreePorts.UdpAndTcp();
        var sipp = await RunSippAsync("uas-g711-receiver.xml", box.Port, temp, "receiver-audio.pcap", sippPort);
        await SippRunner.WaitListeningAsync(sippPort);

        var offer = negotiator.CreateOffer(SdpMediaKind.Audio);
        var call = box.Ua.CreateCall(SipUri.Parse($"sip:a@127.0.0.1:{sippPort.ToString(CultureInfo.InvariantCulture)}"), offer);
        var dial = await call.DialAsync().WaitAsync(Limit);
        Assert.True(dial.Connected, $"{dial.StatusCode} {dial.ReasonPhrase}");
        var session = negotiator.ReadAnswer(offer, dial.Answer!);
        Assert.Equal(SdpMediaKind.Audio, session.Kind);
        call.IsFaxActive = true;
        fax.Start(session.Remote!, session.AudioPayloadType);

        var result = await CompleteAsync(fax.Completed, sipp);
        await call.HangUpAsync().WaitAsync(Limit);
        await AssertSippPassedAsync(sipp);

        Assert.True(result.Success, $"{result.Completion} {result.T30Code} {result.T30Text}");
        Assert.Equal(G711CapturePages, result.Statistics.PagesTransferred);
        Assert.True(result.Statistics.Ecm);
        Assert.Equal(14400, result.Statistics.BitRate);
        Assert.InRange(fax.Rtp!.Statistics.PacketsReceived, audioPackets / 2, audioPackets);
    }

    /// <summary>Re-INVITEs to T.38 and starts the box's T.38 terminal towards the address the answer gave (after <paramref name="startDelay"/>).</summary>
    private static async Task SwitchToT38Async(SipCall call, SdpNegotiator negotiator, ReplayT38Terminal fax, TimeSpan startDelay = default)
    {
        var offer = negotiator.CreateOffer(SdpMediaKind.T38);
        var reinvite = await call.ReinviteAsync(offer).WaitAsync(Limit);
        Assert.Equal(SipReinviteOutcome.Accepted, reinvite.Outcome);
        var session = negotiator.ReadAnswer(offer, reinvite.Answer!);
        Assert.Equal(SdpMediaKind.T38, session.Kind);
        Assert.Equal(1400, session.T38!.RemoteMaxDatagram);
        call.IsFaxActive = true;
        if (startDelay > TimeSpan.Zero)
        {
            await Task.Delay(startDelay);
        }

        fax.Start(session.Remote!, ReplayT38Terminal.UdptlFor(session.T38), discardQueued: startDelay > TimeSpan.Zero);
    }

    private static async Task<Task<(int ExitCode, string Output)>> RunSippAsync(string scenario, int boxPort, TempFolder temp, string pcap, int? localPort = null, string? secondPcap = null)
    {
        await SippRunner.RequirePcapPlayAsync();
        var files = new Dictionary<string, string> { [pcap] = temp.File(pcap) };
        if (secondPcap is not null)
        {
            files[secondPcap] = temp.File(secondPcap);
        }

        return SippRunner.RunAsync(
            SippRunner.Replay(scenario),
            $"127.0.0.1:{boxPort.ToString(CultureInfo.InvariantCulture)}",
            ["-s", "fax", "-mp", FreePorts.UdpBlock(4).ToString(CultureInfo.InvariantCulture)],
            Limit,
            localPort: localPort,
            files: files);
    }

    private static async Task<FaxResult> CompleteAsync(Task<FaxResult> fax, Task<(int ExitCode, string Output)> sipp)
    {
        var first = await Task.WhenAny(fax, sipp, Task.Delay(Limit));
        if (first == sipp)
        {
            var (code, output) = await sipp;
            Assert.Fail($"sipp ended (exit {code}) before the box's fax terminal completed:\n{output}");
        }

        return first == fax ? await fax : throw new TimeoutException($"the box's fax terminal did not complete within {Limit}");
    }

    private static async Task AssertSippPassedAsync(Task<(int ExitCode, string Output)> sipp)
    {
        var (code, output) = await sipp.WaitAsync(Limit + TimeSpan.FromSeconds(15));
        Assert.True(code == 0, $"sipp exit {code}:\n{output}");
    }

    private static void AssertReceived(FaxResult result, string received, int pages, bool ecm)
    {
        Assert.True(result.Success, $"{result.Completion} {result.T30Code} {result.T30Text}");
        Assert.Equal(pages, result.Statistics.PagesTransferred);
        Assert.Equal(ecm, result.Statistics.Ecm);
        Assert.Equal(14400, result.Statistics.BitRate);
        var comparison = FaxDocumentComparer.Compare(TestPaths.SharedFile("captures/test-2p-g3.tif"), received);
        Assert.Equal(pages, comparison.ActualPages);
        for (int i = 0; i < pages; i++)
        {
            var page = comparison.Pages[i];
            Assert.True(page.SizeMatches && page.DifferingPixels == 0 && page.ResolutionMatches, $"page {i + 1}: {page}");
        }
    }

    /// <summary>
    /// Every recorded UDPTL datagram reached the box's session, but for the last few: the terminal stops polling at phase
    /// E, right after DCN, and the recording may repeat DCN (redundancy) 20–40 ms later.
    /// </summary>
    private static void AssertAllArrived(int recorded, long received) => Assert.InRange(received, recorded - 3, recorded);

    private static SpanDspFaxEngine Engine() => new(NullLoggerFactory.Instance);

    private static FaxTerminalOptions ReceiverOptions(TempFolder temp) => new()
    {
        Direction = FaxDirection.Receive,
        CallingParty = false,
        ReceiveFile = temp.File("received.tif"),
        LocalIdent = "FaxBox replay",
        Watchdog = TimeSpan.FromMinutes(2),
    };

    /// <summary>The capture's sender: the shared two-page document, or <paramref name="file"/>.</summary>
    private static FaxTerminalOptions SenderOptions(bool ecm, string? file = null) => new()
    {
        Direction = FaxDirection.Send,
        CallingParty = true,
        SendFile = file ?? TestPaths.SharedFile("captures/test-2p-g3.tif"),
        LocalIdent = "FaxBox replay",
        Ecm = ecm,
        Watchdog = TimeSpan.FromMinutes(2),
    };

    /// <summary>
    /// The first page of the shared document alone (libtiff's tiffcp copies it as it is): what the G.711 capture sent.
    /// A replayed receiver answers the pages of its recording only; a second page would wait for an MCF that never comes.
    /// </summary>
    private static async Task<string> FirstPageAsync(TempFolder temp)
    {
        string page = temp.File("page1.tif");
        await using var tiffcp = ExternalProcess.Start(ExternalProcess.Which("tiffcp"), [TestPaths.SharedFile("captures/test-2p-g3.tif") + ",0", page], temp.Path);
        int code = await tiffcp.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.True(code == 0 && FaxDocument.Inspect(page).Pages.Count == 1, $"tiffcp exit {code}:\n{tiffcp.Output}");
        return page;
    }

    private static RealTimeMediaClock StartClock()
    {
        var clock = new RealTimeMediaClock(new MediaClockOptions { RealTimePriority = 0 });
        clock.Start();
        return clock;
    }

    /// <summary>A UDP socket on 127.0.0.1 that only counts what arrives (the audio leg before the switch to T.38).</summary>
    private static Socket CountingSocket()
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp) { ReceiveBufferSize = 4 << 20 };
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return socket;
    }

    private static int Drain(Socket socket)
    {
        var buffer = new byte[2048];
        int n = 0;
        while (socket.Available > 0 && n < 100_000)
        {
            socket.Receive(buffer);
            n++;
        }

        return n;
    }
}
