using FaxBox.Fax.Documents;
using FaxBox.Fax.Managed.T38;
using FaxBox.Fax.SpanDsp;
using FaxBox.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace FaxBox.Fax.Managed.Tests.T30;

/// <summary>
/// Real documents end to end: <see cref="ManagedT38Terminals.Create"/> opens the TIFF to send and the TIFF to write, and
/// the received file is compared pixel for pixel with the sent one, against spandsp and against itself.
/// </summary>
public sealed class FileInteropTests
{
    private static string Capture => TestPaths.SharedFile("captures/test-2p-g3.tif");

    [Theory]
    [InlineData(true, FaxModems.All, 0)]
    [InlineData(false, FaxModems.All, 2)]
    [InlineData(false, FaxModems.V27ter | FaxModems.V29, 0)]
    public void Managed_sender_to_spandsp_receiver_delivers_the_capture(bool ecm, FaxModems modems, int version)
    {
        var t38 = new T38Options { Version = version }; // the ASN.1 variant follows the version, as spandsp's does
        using var temp = TestPaths.NewTempFolder();
        var rx = temp.File("rx.tif");
        var wire = new T38Wire();
        using var sender = ManagedT38Terminals.Create(new FaxTerminalOptions { Direction = FaxDirection.Send, SendFile = Capture, Ecm = ecm, Modems = modems, T38 = t38 }, wire.SinkA, NullLogger.Instance);
        using var receiver = new SpanDspFaxEngine(NullLoggerFactory.Instance).CreateT38Terminal(new FaxTerminalOptions { Direction = FaxDirection.Receive, ReceiveFile = rx, T38 = t38 }, wire.SinkB);
        wire.Run(sender, receiver);

        Assert.True(receiver.Result!.Success, $"spandsp: {receiver.Result.T30Text}");
        Assert.True(sender.Result!.Success, sender.Result.T30Text);
        Assert.Equal(2, receiver.Result.Statistics.PagesTransferred);
        Assert.Equal(0, receiver.Result.Statistics.BadRows);
        Assert.Equal(modems == FaxModems.All ? 14400 : 9600, receiver.Result.Statistics.BitRate);
        var comparison = FaxDocumentComparer.Compare(Capture, rx);
        Assert.True(comparison.Identical, comparison.ToString());
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Spandsp_sender_to_managed_receiver_writes_the_capture(bool ecm)
    {
        using var temp = TestPaths.NewTempFolder();
        var rx = temp.File("rx.tif");
        var wire = new T38Wire();
        using var sender = new SpanDspFaxEngine(NullLoggerFactory.Instance).CreateT38Terminal(new FaxTerminalOptions { Direction = FaxDirection.Send, SendFile = Capture, Ecm = ecm }, wire.SinkA);
        using var receiver = ManagedT38Terminals.Create(new FaxTerminalOptions { Direction = FaxDirection.Receive, ReceiveFile = rx }, wire.SinkB, NullLogger.Instance);
        wire.Run(sender, receiver);

        Assert.True(sender.Result!.Success, $"spandsp: {sender.Result.T30Text}");
        Assert.True(receiver.Result!.Success, receiver.Result.T30Text);
        Assert.Equal(0, receiver.Result.Statistics.BadRows);
        var comparison = FaxDocumentComparer.Compare(Capture, rx);
        Assert.True(comparison.Identical, comparison.ToString());
    }

    [Theory]
    [InlineData(true, FaxResolution.Standard, 1)]
    [InlineData(true, FaxResolution.Fine, 2)]
    [InlineData(false, FaxResolution.Standard, 2)]
    [InlineData(false, FaxResolution.Fine, 1)]
    [InlineData(true, FaxResolution.Superfine, 1)]
    [InlineData(true, FaxResolution.Dpi300, 1)]
    [InlineData(false, FaxResolution.Dpi400, 1)]
    public void Managed_to_managed_delivers_test_pages(bool ecm, FaxResolution resolution, int pages)
    {
        using var temp = TestPaths.NewTempFolder();
        var tx = temp.File("tx.tif");
        var rx = temp.File("rx.tif");
        TestPageGenerator.Write(tx, new TestPageOptions { Pages = pages, Resolution = resolution });
        var wire = new T38Wire();
        using var sender = ManagedT38Terminals.Create(new FaxTerminalOptions { Direction = FaxDirection.Send, SendFile = tx, Ecm = ecm, LocalIdent = "123" }, wire.SinkA, NullLogger.Instance);
        using var receiver = ManagedT38Terminals.Create(new FaxTerminalOptions { Direction = FaxDirection.Receive, ReceiveFile = rx, Ecm = ecm }, wire.SinkB, NullLogger.Instance);
        wire.Run(sender, receiver);

        Assert.True(sender.Result!.Success, sender.Result.T30Text);
        Assert.True(receiver.Result!.Success, receiver.Result.T30Text);
        Assert.Equal(pages, receiver.Result.Statistics.PagesTransferred);
        Assert.Equal(ecm ? FaxCompression.T6 : FaxCompression.T4TwoDimensional, receiver.Result.Statistics.Compression);
        var comparison = FaxDocumentComparer.Compare(tx, rx);
        Assert.True(comparison.Identical, comparison.ToString());
    }

    [Fact]
    public void Non_ECM_loss_ends_with_bad_rows_or_RTN_never_a_hang()
    {
        using var temp = TestPaths.NewTempFolder();
        var rx = temp.File("rx.tif");
        var wire = new T38Wire();
        var random = new Random(21);
        wire.DropToB = ifp => (ifp[0] & 0xC0) == 0xC0 && ((ifp[0] >> 1) & 0xF) != 0 && random.NextDouble() < 0.02;
        using var sender = ManagedT38Terminals.Create(new FaxTerminalOptions { Direction = FaxDirection.Send, SendFile = Capture, Ecm = false }, wire.SinkA, NullLogger.Instance);
        using var receiver = ManagedT38Terminals.Create(new FaxTerminalOptions { Direction = FaxDirection.Receive, ReceiveFile = rx }, wire.SinkB, NullLogger.Instance);
        int ticks = wire.Run(sender, receiver);

        Assert.True(sender.IsComplete && receiver.IsComplete, $"both ended ({ticks} ticks)");
        Assert.True(wire.Dropped > 0);
        Assert.NotEqual(FaxCompletion.Watchdog, sender.Result!.Completion);
        var stats = receiver.Result!.Statistics;
        bool rtn = sender.Result.Statistics.BitRate < 14400;
        Assert.True(stats.BadRows > 0 || rtn, $"bad rows {stats.BadRows}, rate {sender.Result.Statistics.BitRate}");
        if (receiver.Result.Success)
        {
            var comparison = FaxDocumentComparer.Compare(Capture, rx);
            Assert.Equal(2, comparison.ActualPages);
        }
    }

    [Fact]
    public void Abort_mid_page_leaves_the_committed_page_in_the_received_TIFF()
    {
        using var temp = TestPaths.NewTempFolder();
        var rx = temp.File("rx.tif");
        var wire = new T38Wire();
        using var sender = ManagedT38Terminals.Create(new FaxTerminalOptions { Direction = FaxDirection.Send, SendFile = Capture }, wire.SinkA, NullLogger.Instance);
        using var receiver = ManagedT38Terminals.Create(new FaxTerminalOptions { Direction = FaxDirection.Receive, ReceiveFile = rx }, wire.SinkB, NullLogger.Instance);
        int pages = 0;
        int fcdAfterPage = 0;
        receiver.Progress += (_, e) => pages += e.Phase == FaxPhase.D ? 1 : 0;
        receiver.Frame += (_, e) => fcdAfterPage += pages == 1 && e.Incoming && e.Frame[2] == T30Frames.FcdFcf ? 1 : 0;
        wire.Run(sender, receiver, everyTick: _ =>
        {
            if (fcdAfterPage == 3 && !receiver.IsComplete)
            {
                receiver.Abort();
            }
        });

        Assert.Equal(FaxCompletion.Aborted, receiver.Result!.Completion);
        Assert.Equal(1, receiver.Result.Statistics.PagesTransferred);
        Assert.False(sender.Result!.Success);
        var received = FaxDocument.Load(rx);
        Assert.Single(received.Pages);
        var comparison = FaxDocumentComparer.Compare(new FaxDocument([FaxDocument.Load(Capture).Pages[0]]), received);
        Assert.True(comparison.Identical, comparison.ToString());
    }

    [Fact]
    public void Spandsp_non_ECM_sender_with_loss_gives_the_managed_receiver_bad_rows_or_RTN()
    {
        using var temp = TestPaths.NewTempFolder();
        var rx = temp.File("rx.tif");
        var random = new Random(17);
        var wire = new T38Wire { DropToB = ifp => (ifp[0] & 0xC0) == 0xC0 && ((ifp[0] >> 1) & 0xF) != 0 && random.NextDouble() < 0.02 };
        using var sender = new SpanDspFaxEngine(NullLoggerFactory.Instance).CreateT38Terminal(new FaxTerminalOptions { Direction = FaxDirection.Send, SendFile = Capture, Ecm = false }, wire.SinkA);
        using var receiver = ManagedT38Terminals.Create(new FaxTerminalOptions { Direction = FaxDirection.Receive, ReceiveFile = rx }, wire.SinkB, NullLogger.Instance);
        var responses = new List<T30FrameType?>();
        receiver.Frame += (_, e) => responses.Add(e.Incoming ? null : e.Type);
        int ticks = wire.Run(sender, receiver);

        Assert.True(sender.IsComplete && receiver.IsComplete, $"both ended ({ticks} ticks)");
        Assert.True(wire.Dropped > 0);
        Assert.True(receiver.Result!.Statistics.BadRows > 0 || responses.Contains(T30FrameType.Rtn), $"bad rows {receiver.Result.Statistics.BadRows}");
    }
}
