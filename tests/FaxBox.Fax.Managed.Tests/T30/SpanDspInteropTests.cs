using FaxBox.Fax.Documents;
using FaxBox.Fax.Managed.T38;
using FaxBox.Fax.Managed.T4;
using FaxBox.Fax.SpanDsp;
using FaxBox.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace FaxBox.Fax.Managed.Tests.T30;

/// <summary>
/// The managed T.30 terminal against spandsp's t38_terminal, IFPs exchanged in-process. Where spandsp receives, its own
/// TIFF is the proof the managed terminal's T.30 and coded data are right.
/// </summary>
public sealed class SpanDspInteropTests
{
    private static readonly T4PageFormat Fine = new(1728, 8031, 7700);
    private static readonly T4PageFormat Standard = new(1728, 8031, 3850);

    [Theory]
    [InlineData(false, 1, true, FaxModems.All)]
    [InlineData(false, 2, true, FaxModems.All)]
    [InlineData(true, 2, true, FaxModems.All)]
    [InlineData(true, 1, false, FaxModems.All)]
    [InlineData(false, 1, false, FaxModems.V27ter | FaxModems.V29)]
    [InlineData(true, 1, true, FaxModems.V27ter)]
    public void Managed_sender_to_spandsp_receiver(bool ecm, int pages, bool fine, FaxModems modems)
    {
        using var temp = TestPaths.NewTempFolder();
        var wire = new T38Wire();
        var source = new MhBarsSource(pages, 240, fine ? Fine : Standard);
        var rxFile = temp.File("rx.tif");
        var engine = new SpanDspFaxEngine(NullLoggerFactory.Instance);
        var senderOptions = new FaxTerminalOptions
        {
            Direction = FaxDirection.Send,
            SendFile = "mh-bars",
            LocalIdent = "+49 30 1234",
            SubAddress = "77",
            Ecm = ecm,
            Modems = modems,
        };
        using var sender = new ManagedT38Terminal(senderOptions, wire.SinkA, NullLogger.Instance, source, null);
        using var receiver = engine.CreateT38Terminal(
            new FaxTerminalOptions { Direction = FaxDirection.Receive, ReceiveFile = rxFile, LocalIdent = "SPANDSP", Ecm = true },
            wire.SinkB);

        wire.Run(sender, receiver);

        Assert.True(receiver.Result!.Success, $"spandsp: {receiver.Result.T30Text}");
        Assert.True(sender.Result!.Success, sender.Result.T30Text);
        Assert.Equal("+49 30 1234", receiver.Result.RemoteIdent);
        Assert.Equal("SPANDSP", sender.Result.RemoteIdent);
        Assert.Equal("77", receiver.Result.SubAddress);
        Assert.Equal(ecm, receiver.Result.Statistics.Ecm);
        Assert.Equal(pages, receiver.Result.Statistics.PagesTransferred);
        Assert.Equal(modems == FaxModems.All ? 14400 : modems == FaxModems.V27ter ? 4800 : 9600, receiver.Result.Statistics.BitRate);
        Assert.Equal(0, receiver.Result.Statistics.BadRows);
        var comparison = FaxDocumentComparer.Compare(source.Expected(), FaxDocument.Load(rxFile));
        Assert.True(comparison.Identical, comparison.ToString());
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Spandsp_sender_to_managed_receiver(bool ecm)
    {
        var wire = new T38Wire();
        var sink = new RecordingDocumentSink();
        var engine = new SpanDspFaxEngine(NullLoggerFactory.Instance);
        using var sender = engine.CreateT38Terminal(
            new FaxTerminalOptions { Direction = FaxDirection.Send, SendFile = TestPaths.SharedFile("captures/test-2p-g3.tif"), LocalIdent = "SPANDSP", SubAddress = "1234", Ecm = ecm },
            wire.SinkA);
        var receiverOptions = new FaxTerminalOptions { Direction = FaxDirection.Receive, ReceiveFile = "sink", LocalIdent = "+1 555 0100", Ecm = true };
        using var receiver = new ManagedT38Terminal(receiverOptions, wire.SinkB, NullLogger.Instance, null, sink);

        wire.Run(sender, receiver);

        Assert.True(sender.Result!.Success, $"spandsp: {sender.Result.T30Text}");
        Assert.True(receiver.Result!.Success, receiver.Result.T30Text);
        Assert.Equal("SPANDSP", receiver.Result.RemoteIdent);
        Assert.Equal("+1 555 0100", sender.Result.RemoteIdent);
        Assert.Equal("1234", receiver.Result.SubAddress);
        Assert.Equal(2, sink.PagesCommitted);
        Assert.Equal(ecm, receiver.Result.Statistics.Ecm);
        Assert.Equal(14400, receiver.Result.Statistics.BitRate);
        foreach (var page in sink.Pages)
        {
            Assert.Equal(ecm ? FaxCompression.T6 : FaxCompression.T4TwoDimensional, page.Compression);
            Assert.True(page.Data.Length > 1000, $"page of {page.Data.Length} octets");
            if (!ecm)
            {
                // Non-ECM pages end with RTC: six EOLs (T.4 §4.1.4).
                Assert.True(EndsWithRtc(page.Data), "the page ends with RTC");
            }
        }
    }

    [Fact]
    public void Managed_ECM_sender_recovers_losses_to_spandsp_with_PPR()
    {
        using var temp = TestPaths.NewTempFolder();
        var wire = new T38Wire();
        var random = new Random(5);
        var source = new MhBarsSource(2, 4000, Fine);
        var rxFile = temp.File("rx.tif");
        var engine = new SpanDspFaxEngine(NullLoggerFactory.Instance);
        using var sender = new ManagedT38Terminal(
            new FaxTerminalOptions { Direction = FaxDirection.Send, SendFile = "mh-bars", Ecm = true, T38 = new T38Options { MaxDatagram = 60 } },
            wire.SinkA, NullLogger.Instance, source, null);
        using var receiver = engine.CreateT38Terminal(new FaxTerminalOptions { Direction = FaxDirection.Receive, ReceiveFile = rxFile }, wire.SinkB);

        // Lose 8 % of the image-modem IFPs (data type other than V.21), never the control messages.
        wire.DropToB = ifp => (ifp[0] & 0xC0) == 0xC0 && ((ifp[0] >> 1) & 0xF) != 0 && random.NextDouble() < 0.08;
        wire.Run(sender, receiver);

        Assert.True(wire.Dropped > 5, $"dropped {wire.Dropped}");
        Assert.True(receiver.Result!.Success, $"spandsp: {receiver.Result.T30Text}");
        Assert.True(sender.Result!.Success, sender.Result.T30Text);
        Assert.True(sender.Result.Statistics.EcmRetries > 0, "PPRs were answered");
        var comparison = FaxDocumentComparer.Compare(source.Expected(), FaxDocument.Load(rxFile));
        Assert.True(comparison.Identical, comparison.ToString());
    }

    [Fact]
    public void Managed_ECM_receiver_asks_spandsp_for_lost_frames_and_gets_the_same_pages()
    {
        var clean = ReceiveFromSpanDsp(drop: null);
        var random = new Random(9);
        var lossy = ReceiveFromSpanDsp(ifp => (ifp[0] & 0xC0) == 0xC0 && ((ifp[0] >> 1) & 0xF) != 0 && random.NextDouble() < 0.08);

        Assert.True(lossy.Retries > 0, "the managed receiver sent PPR");
        Assert.Equal(2, clean.Pages.Count);
        Assert.Equal(clean.Pages.Count, lossy.Pages.Count);
        for (int p = 0; p < clean.Pages.Count; p++)
        {
            Assert.Equal(clean.Pages[p], lossy.Pages[p]);
        }
    }

    private static (List<byte[]> Pages, int Retries) ReceiveFromSpanDsp(Func<byte[], bool>? drop)
    {
        var wire = new T38Wire { DropToB = drop };
        var sink = new RecordingDocumentSink();
        var engine = new SpanDspFaxEngine(NullLoggerFactory.Instance);
        using var sender = engine.CreateT38Terminal(
            new FaxTerminalOptions { Direction = FaxDirection.Send, SendFile = TestPaths.SharedFile("captures/test-2p-g3.tif") },
            wire.SinkA);
        using var receiver = new ManagedT38Terminal(new FaxTerminalOptions { Direction = FaxDirection.Receive, ReceiveFile = "sink" }, wire.SinkB, NullLogger.Instance, null, sink);
        wire.Run(sender, receiver);
        Assert.True(sender.Result!.Success, $"spandsp: {sender.Result.T30Text}");
        Assert.True(receiver.Result!.Success, receiver.Result.T30Text);
        return (sink.Pages.Select(p => p.Data).ToList(), receiver.Result.Statistics.EcmRetries);
    }

    /// <summary>Whether the data holds RTC: six consecutive EOLs, each followed by a 1 tag bit in MR (T.4 §4.1.4, §4.2.4).</summary>
    private static bool EndsWithRtc(byte[] data)
    {
        int eols = 0, zeros = 0;
        bool tag = false;
        for (int i = 0; i < data.Length * 8; i++)
        {
            bool one = (data[i >> 3] & (0x80 >> (i & 7))) != 0;
            if (one && zeros >= 11)
            {
                eols++;
                tag = true;
            }
            else if (one && tag && zeros == 0)
            {
                tag = false;
            }
            else if (one)
            {
                eols = 0;
                tag = false;
            }

            zeros = one ? 0 : zeros + 1;
            if (eols >= 6)
            {
                return true;
            }
        }

        return false;
    }
}
