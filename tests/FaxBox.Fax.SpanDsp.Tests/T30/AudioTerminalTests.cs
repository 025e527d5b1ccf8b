using FaxBox.Core;
using FaxBox.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace FaxBox.Fax.SpanDsp.Tests.T30;

/// <summary>The native audio fax terminal: a whole call, its events, its quirks and its failures.</summary>
public sealed class AudioTerminalTests
{
    private static string Document => TestPaths.SharedFile("captures/test-2p-g3.tif");

    [Fact]
    public void A_two_page_call_reports_phases_B_D_E_in_order_with_rate_pages_and_remote_ident()
    {
        using var temp = TestPaths.NewTempFolder();
        using var pair = new FaxPair(Document, temp.File("rx.tif"));
        var events = new List<(string Who, FaxPhase Phase, int Pages)>();
        pair.Sender.Progress += (_, e) => events.Add(("tx", e.Phase, e.Statistics.PagesTransferred));
        pair.Receiver.Progress += (_, e) => events.Add(("rx", e.Phase, e.Statistics.PagesTransferred));

        var frames = pair.RunToEnd();

        Assert.True(pair.Sender.Result!.Success, pair.Sender.Result.T30Text);
        Assert.True(pair.Receiver.Result!.Success, pair.Receiver.Result.T30Text);
        Assert.Equal(2, pair.Receiver.Result.Statistics.PagesTransferred);
        Assert.Equal(14400, pair.Receiver.Result.Statistics.BitRate);
        Assert.True(pair.Receiver.Result.Statistics.Ecm);
        Assert.Equal(FaxCompression.T6, pair.Receiver.Result.Statistics.Compression);
        Assert.Equal("111", pair.Receiver.Result.RemoteIdent);
        Assert.Equal("222", pair.Sender.Result.RemoteIdent);
        Assert.Equal([FaxPhase.B, FaxPhase.D, FaxPhase.D, FaxPhase.E], events.Where(e => e.Who == "rx").Select(e => e.Phase));
        Assert.Equal([1, 2], events.Where(e => e.Who == "rx" && e.Phase == FaxPhase.D).Select(e => e.Pages));
        Assert.InRange(frames, 500, 3000); // 10 to 60 s of simulated time for two ECM pages at 14400
        Assert.Equal(TimeSpan.FromMilliseconds(frames * 20), pair.Receiver.Elapsed);
        Assert.True(File.Exists(temp.File("rx.tif")));
    }

    [Fact]
    public void T30_frames_are_reported_both_ways_with_DIS_first_and_DCN_last()
    {
        using var temp = TestPaths.NewTempFolder();
        using var pair = new FaxPair(Document, temp.File("rx.tif"));
        var frames = new List<T30FrameEventArgs>();
        pair.Receiver.Frame += (_, e) => frames.Add(e);

        pair.RunToEnd();

        Assert.Equal(T30FrameType.Dis, frames.First(f => !f.Incoming && f.Type is T30FrameType.Dis or T30FrameType.Csi or T30FrameType.Nsf && f.Type == T30FrameType.Dis).Type);
        Assert.Contains(frames, f => f.Incoming && f.Type == T30FrameType.Dcs);
        Assert.Contains(frames, f => !f.Incoming && f.Type == T30FrameType.Mcf);
        Assert.Equal(T30FrameType.Dcn, frames.Last(f => f.Incoming).Type);
        Assert.True(frames.Zip(frames.Skip(1)).All(p => p.First.At <= p.Second.At));
    }

    [Fact]
    public void A_file_that_is_not_a_TIFF_ends_the_call_with_code_41_and_the_libtiff_reason()
    {
        using var temp = TestPaths.NewTempFolder();
        var bad = temp.File("bad.tif");
        File.WriteAllText(bad, "this is not a TIFF file");
        using var pair = new FaxPair(bad, temp.File("rx.tif"));

        pair.RunToEnd();

        var result = pair.Sender.Result!;
        Assert.Equal(FaxCompletion.T30Error, result.Completion);
        Assert.Equal(41, result.T30Code);
        Assert.Contains("TIFF/F file cannot be opened", result.T30Text, StringComparison.Ordinal);
        Assert.False(pair.Receiver.Result!.Success);
        Assert.False(File.Exists(temp.File("rx.tif")), "no received file may be left when no page arrived");
    }

    [Fact]
    public void A_missing_file_to_send_is_refused_at_creation_naming_the_file()
    {
        using var temp = TestPaths.NewTempFolder();
        var engine = new SpanDspFaxEngine(NullLoggerFactory.Instance);
        var missing = temp.File("missing.tif");
        var e = Assert.Throws<FileNotFoundException>(() => engine.CreateAudioTerminal(new FaxTerminalOptions { Direction = FaxDirection.Send, SendFile = missing }));
        Assert.Contains(missing, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Options_are_validated_naming_the_setting()
    {
        var engine = new SpanDspFaxEngine(NullLoggerFactory.Instance);
        Assert.Contains("ReceiveFile", Assert.Throws<ArgumentException>(() => engine.CreateAudioTerminal(new FaxTerminalOptions { Direction = FaxDirection.Receive })).Message, StringComparison.Ordinal);
        Assert.Contains("20", Assert.Throws<ArgumentException>(() => engine.CreateAudioTerminal(new FaxTerminalOptions { Direction = FaxDirection.Receive, ReceiveFile = "/tmp/x.tif", LocalIdent = new string('1', 21) })).Message, StringComparison.Ordinal);
        Assert.Contains("255 bytes", Assert.Throws<ArgumentException>(() => engine.CreateAudioTerminal(new FaxTerminalOptions { Direction = FaxDirection.Receive, ReceiveFile = "/tmp/" + new string('a', 300) })).Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => engine.CreateAudioTerminal(new FaxTerminalOptions { Direction = FaxDirection.Receive, ReceiveFile = "/tmp/x.tif", Modems = FaxModems.None }));
    }

    [Fact]
    public void Frames_that_are_not_160_samples_are_refused()
    {
        using var temp = TestPaths.NewTempFolder();
        using var pair = new FaxPair(Document, temp.File("rx.tif"));
        Assert.Throws<ArgumentException>(() => pair.Receiver.ReceiveAudio(new short[80]));
        Assert.Throws<ArgumentException>(() => pair.Sender.TransmitAudio(new short[320]));
    }

    [Fact]
    public void Transmit_always_fills_the_whole_frame_even_when_idle()
    {
        using var temp = TestPaths.NewTempFolder();
        using var pair = new FaxPair(Document, temp.File("rx.tif"));
        var frame = new short[AudioFrame.Samples];
        Array.Fill(frame, (short)12345);
        pair.Receiver.TransmitAudio(frame); // the answerer starts silent before CED
        Assert.DoesNotContain((short)12345, frame);
    }

    [Fact]
    public void The_watchdog_ends_a_call_whose_far_end_never_answers()
    {
        using var temp = TestPaths.NewTempFolder();
        var engine = new SpanDspFaxEngine(NullLoggerFactory.Instance);
        using var sender = engine.CreateAudioTerminal(new FaxTerminalOptions { Direction = FaxDirection.Send, SendFile = Document, Watchdog = TimeSpan.FromSeconds(10) });
        var silence = new short[AudioFrame.Samples];
        var frames = 0;
        while (!sender.IsComplete && frames++ < 10_000)
        {
            sender.TransmitAudio(silence);
            Array.Clear(silence);
            sender.ReceiveAudio(silence);
        }

        Assert.True(sender.IsComplete);
        Assert.Equal(FaxCompletion.Watchdog, sender.Result!.Completion);
        Assert.Equal(501, frames);
        Assert.Contains("10 s", sender.Result.T30Text, StringComparison.Ordinal);
    }

    [Fact]
    public void An_exception_in_a_progress_handler_surfaces_from_the_frame_call_not_inside_native_code()
    {
        using var temp = TestPaths.NewTempFolder();
        using var pair = new FaxPair(Document, temp.File("rx.tif"));
        pair.Receiver.Progress += (_, e) => throw new InvalidOperationException("handler failed at " + e.Phase);
        var e = Assert.Throws<InvalidOperationException>(() => pair.RunToEnd());
        Assert.Equal("handler failed at B", e.Message);
    }

    [Fact]
    public void Abort_completes_the_call_as_aborted_and_keeps_the_result()
    {
        using var temp = TestPaths.NewTempFolder();
        using var pair = new FaxPair(Document, temp.File("rx.tif"));
        for (var i = 0; i < 100; i++)
        {
            pair.Tick();
        }

        pair.Receiver.Abort();
        Assert.Equal(FaxCompletion.Aborted, pair.Receiver.Result!.Completion);
        Assert.Equal(TimeSpan.FromSeconds(2), pair.Receiver.Result.Elapsed);
    }

    [Fact]
    public void Steady_state_frames_allocate_nothing_on_the_managed_heap()
    {
        using var temp = TestPaths.NewTempFolder();
        using var pair = new FaxPair(Document, temp.File("rx.tif"));
        for (var i = 0; i < 200; i++)
        {
            pair.Tick(); // past start-up and into training
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 300; i++)
        {
            pair.Tick();
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void A_library_that_is_missing_is_reported_with_what_to_install()
    {
        var problem = SpanDspLibrary.Check("libspandsp-not-here.so.9");
        Assert.NotNull(problem);
        Assert.Contains("libspandsp-not-here.so.9", problem, StringComparison.Ordinal);
        Assert.Contains("apt-get install libspandsp2", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_library_without_the_0_0_6_entry_points_is_reported_as_the_wrong_ABI()
    {
        var problem = SpanDspLibrary.Check("libz.so.1");
        Assert.NotNull(problem);
        Assert.Contains("not the spandsp 0.0.6 ABI", problem, StringComparison.Ordinal);
        Assert.Contains("fax_init", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void The_installed_library_passes_the_start_up_check()
    {
        Assert.Null(SpanDspLibrary.Check("libspandsp.so.2"));
        Assert.True(SpanDspLibrary.IsAvailable);
    }
}
