using BitMiracle.LibTiff.Classic;
using FaxBox.Fax.Documents;
using FaxBox.Fax.Managed.T4;
using FaxBox.Fax.Tests.Documents;
using FaxBox.FaxServer.Inbox;

namespace FaxBox.Fax.Managed.Tests.T4;

public sealed class TiffT4DocumentSinkTests
{
    public static TheoryData<string, FaxCompression, int> Paths
    {
        get
        {
            var data = new TheoryData<string, FaxCompression, int>();
            foreach (string source in new[] { "g3:1d", "g3:2d", "g4" })
            {
                data.Add(source, FaxCompression.T4OneDimensional, 1152);
                data.Add(source, FaxCompression.T4TwoDimensional, 1152);
                data.Add(source, FaxCompression.T4OneDimensional, 0);
                data.Add(source, FaxCompression.T4TwoDimensional, 0);
                data.Add(source, FaxCompression.T6, 0);
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public void SourceToLineToSink_GivesTheOriginalPixels(string sourceCodec, FaxCompression line, int minimumRowBits)
    {
        using var dir = new TempFolder();
        string original = dir.File("original.tif");
        TestPageGenerator.Write(original, new TestPageOptions { Pages = 2, Resolution = FaxResolution.Fine, Compression = FaxCompression.T6 });
        string source = dir.File("source.tif");
        TiffT4DocumentSourceTests.TiffCp(sourceCodec, "lsb2msb", "64", original, source);
        string received = dir.File("received.tif");
        var random = new Random(sourceCodec.GetHashCode(StringComparison.Ordinal) + (int)line + minimumRowBits);
        Transfer(source, received, line, minimumRowBits, random, dir.Path);

        PixelComparison comparison = FaxDocumentComparer.Compare(original, received);
        Assert.Equal(2, comparison.ActualPages);
        Assert.True(comparison.Identical, comparison.ToString());
        AssertLibTiffToolsRead(received, pages: 2);
        Assert.Equal(2, PartialTiff.CountCompletePages(received));
    }

    [Fact]
    public void SharedCapture_SentAndReceived_IsPixelIdentical()
    {
        using var dir = new TempFolder();
        string received = dir.File("received.tif");
        Transfer(T4TestPages.CapturePath, received, FaxCompression.T4TwoDimensional, 576, new Random(9), dir.Path);
        PixelComparison comparison = FaxDocumentComparer.Compare(T4TestPages.CapturePath, received);
        Assert.True(comparison.Identical, comparison.ToString());
        AssertLibTiffToolsRead(received, pages: 2);
    }

    [Fact]
    public void Tags_AreTheClassFSet()
    {
        using var dir = new TempFolder();
        string path = dir.File("rx.tif");
        FaxPage page = T4TestPages.Fine;
        using (var sink = new TiffT4DocumentSink(path))
        {
            for (int p = 0; p < 2; p++)
            {
                using IT4PageWriter writer = sink.StartPage(new T4PageFormat(1728, 8031, 7700), FaxCompression.T4TwoDimensional);
                writer.Write(T4TestPages.Encode(page, FaxCompression.T4TwoDimensional, 576));
                Assert.True(writer.EndOfPage);
                writer.Commit();
            }

            Assert.Equal(2, sink.PagesCommitted);
        }

        using Tiff tif = Tiff.Open(path, "r");
        for (short p = 0; p < 2; p++)
        {
            Assert.True(tif.SetDirectory(p));
            Assert.Equal((int)FileType.PAGE, tif.GetField(TiffTag.SUBFILETYPE)[0].ToInt());
            Assert.Equal(1728, tif.GetField(TiffTag.IMAGEWIDTH)[0].ToInt());
            Assert.Equal(page.Height, tif.GetField(TiffTag.IMAGELENGTH)[0].ToInt());
            Assert.Equal(1, tif.GetField(TiffTag.BITSPERSAMPLE)[0].ToInt());
            Assert.Equal(Compression.CCITTFAX4, (Compression)tif.GetField(TiffTag.COMPRESSION)[0].ToInt());
            Assert.Equal(Photometric.MINISWHITE, (Photometric)tif.GetField(TiffTag.PHOTOMETRIC)[0].ToInt());
            Assert.Equal(FillOrder.MSB2LSB, (FillOrder)tif.GetField(TiffTag.FILLORDER)[0].ToInt());
            Assert.Equal(1, tif.NumberOfStrips());
            Assert.Equal(204f, tif.GetField(TiffTag.XRESOLUTION)[0].ToFloat());
            Assert.Equal(196f, tif.GetField(TiffTag.YRESOLUTION)[0].ToFloat());
            Assert.Equal(ResUnit.INCH, (ResUnit)tif.GetField(TiffTag.RESOLUTIONUNIT)[0].ToInt());
            FieldValue[] number = tif.GetField(TiffTag.PAGENUMBER);
            Assert.Equal(p, number[0].ToInt());
            Assert.Equal("FaxBox", tif.GetField(TiffTag.SOFTWARE)[0].ToString());
            Assert.Equal(0, tif.GetField(TiffTag.BADFAXLINES)[0].ToInt());
            Assert.Equal((int)CleanFaxData.CLEAN, tif.GetField(TiffTag.CLEANFAXDATA)[0].ToInt());
            Assert.Equal(0, tif.GetField(TiffTag.CONSECUTIVEBADFAXLINES)[0].ToInt());
        }
    }

    [Theory]
    [InlineData(FaxCompression.T4OneDimensional)]
    [InlineData(FaxCompression.T4TwoDimensional)]
    public void CorruptedNonEcmData_BadRowsAreCountedInTheTags_AndThePageReads(FaxCompression line)
    {
        using var dir = new TempFolder();
        string path = dir.File("rx.tif");
        FaxPage page = T4TestPages.Fine;
        byte[] coded = T4TestPages.Encode(page, line, 1152);
        var random = new Random(17);
        for (int i = 0; i < 10; i++)
        {
            int at = random.Next(coded.Length / 10, coded.Length * 9 / 10);
            coded[at] = (byte)random.Next(256);
        }

        // And a chunk lost, as when a T.38 packet is missing.
        int cut = (coded.Length / 3) + 77;
        coded = [.. coded.AsSpan(0, cut), .. coded.AsSpan(cut + 500)];

        int badRows;
        int longest;
        using (var sink = new TiffT4DocumentSink(path))
        {
            using IT4PageWriter writer = sink.StartPage(new T4PageFormat(1728, 8031, 7700), line);
            WriteInRandomChunks(writer, coded, random);
            Assert.True(writer.EndOfPage);
            badRows = writer.BadRows;
            longest = writer.LongestBadRowRun;
            Assert.InRange(badRows, 1, 100);
            writer.Commit();
        }

        FaxDocument read = FaxDocument.Load(path);
        Assert.InRange(read.Pages[0].Height, page.Height - 40, page.Height + 30);
        using Tiff tif = Tiff.Open(path, "r");
        Assert.Equal(badRows, tif.GetField(TiffTag.BADFAXLINES)[0].ToInt());
        Assert.Equal((int)CleanFaxData.REGENERATED, tif.GetField(TiffTag.CLEANFAXDATA)[0].ToInt());
        Assert.Equal(longest, tif.GetField(TiffTag.CONSECUTIVEBADFAXLINES)[0].ToInt());
        AssertLibTiffToolsRead(path, pages: 1);
    }

    [Fact]
    public void MemoryPerPage_StaysAFewTensOfKiB_SendingAndReceiving()
    {
        using var dir = new TempFolder();
        string path = dir.File("doc.tif");
        TestPageGenerator.Write(path, new TestPageOptions { Resolution = FaxResolution.Fine, Compression = FaxCompression.T4TwoDimensional });
        byte[] buffer = new byte[256];
        using var document = new TiffT4DocumentSource(path, dir.Path);
        using var sink = new TiffT4DocumentSink(dir.File("rx.tif"));
        long packedPage = 1728 / 8 * 2287;
        for (int round = 0; round < 2; round++)
        {
            // Round 0 warms up (JIT, static tables); round 1 is measured: everything a page costs, set-up included.
            long before = GC.GetAllocatedBytesForCurrentThread();
            using (IT4PageCoder coder = document.StartPage(0, FaxCompression.T4TwoDimensional, 1152))
            using (IT4PageWriter writer = sink.StartPage(document.PageFormat(0), FaxCompression.T4TwoDimensional))
            {
                long offset = 0;
                for (int i = 0; i < 1_000_000; i++)
                {
                    int n = coder.Read(offset, buffer);
                    if (n == 0)
                    {
                        break;
                    }

                    writer.Write(buffer.AsSpan(0, n));
                    offset += n;
                }

                Assert.True(writer.EndOfPage);
                Assert.True(offset > packedPage / 10, $"only {offset} octets coded");
                writer.Commit();
            }

            long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            if (round == 1)
            {
                // Row buffers (4 × (width + 4) ints per direction), coder output, staging and chunk buffers, handles,
                // the IFD: well under the 150+ KiB of a coded page and the ~480 KiB of a packed one.
                Assert.InRange(allocated, 1, 96 * 1024);
            }
        }
    }

    [Fact]
    public void PageAbandonedMidway_LeavesOnlyTheCommittedPages_ForLibTiffAndPartialTiff()
    {
        using var dir = new TempFolder();
        string path = dir.File("rx.tif.part");
        string snapshot = dir.File("snapshot.tif");
        FaxPage page = T4TestPages.Fine;
        byte[] coded = T4TestPages.Encode(page, FaxCompression.T6);
        var format = new T4PageFormat(1728, 8031, 7700);
        using (var sink = new TiffT4DocumentSink(path))
        {
            using (IT4PageWriter first = sink.StartPage(format, FaxCompression.T6))
            {
                first.Write(coded);
                first.Commit();
            }

            IT4PageWriter second = sink.StartPage(format, FaxCompression.T6);
            second.Write(coded.AsSpan(0, coded.Length / 2));
            Assert.InRange(second.Rows, 1, page.Height - 1);

            // What a power cut mid-page leaves on disk: page 1 linked, page 2's strip half written after it.
            File.Copy(path, snapshot);
            Assert.True(new FileInfo(snapshot).Length > new FileInfo(path).Length / 2);
            second.Dispose();
            Assert.Equal(1, sink.PagesCommitted);
        }

        foreach (string file in new[] { path, snapshot })
        {
            FaxDocument read = FaxDocument.Load(file);
            Assert.Single(read.Pages);
            Assert.Equal(0, T4TestPages.Differing(page, read.Pages[0]));
            AssertLibTiffToolsRead(file, pages: 1);
            Assert.Equal(1, PartialTiff.CountCompletePages(file));
            TiffSalvageResult salvage = PartialTiff.Salvage(file);
            Assert.Equal(1, salvage.Pages);
        }
    }

    [Fact]
    public void CommitWithoutRows_AndWritesAfterCommit_AreRefused()
    {
        using var dir = new TempFolder();
        using var sink = new TiffT4DocumentSink(dir.File("rx.tif"));
        var format = new T4PageFormat(1728, 8031, 3850);
        IT4PageWriter empty = sink.StartPage(format, FaxCompression.T4OneDimensional);
        Assert.Throws<InvalidOperationException>(() => sink.StartPage(format, FaxCompression.T6));
        Assert.Throws<InvalidOperationException>(empty.Commit);
        empty.Dispose();
        using IT4PageWriter page = sink.StartPage(format, FaxCompression.T4OneDimensional);
        page.Write(T4TestPages.Encode(T4TestPages.Standard, FaxCompression.T4OneDimensional));
        page.Commit();
        Assert.Throws<InvalidOperationException>(() => page.Write([0]));
        Assert.Equal(1, sink.PagesCommitted);
    }

    [Fact]
    public void ExistingFile_IsReplaced_as_the_native_terminal_does()
    {
        // The receiving terminal owns its path (the inbox gives each call a new .part; a repeated 'faxbox fax loopback'
        // reuses received.tif.part): a file left there is replaced by an empty TIFF, not appended to or refused.
        using var dir = new TempFolder();
        string path = dir.File("exists.tif");
        File.WriteAllText(path, "an earlier run's file, longer than a TIFF header");
        using (var sink = new TiffT4DocumentSink(path))
        {
            Assert.Equal(0, sink.PagesCommitted);
        }

        byte[] bytes = File.ReadAllBytes(path);
        Assert.Equal((byte)'I', bytes[0]);
        Assert.Equal((byte)'I', bytes[1]);
        Assert.True(bytes.Length < 48, $"{bytes.Length} octets: the old content was not truncated");
    }

    private static void Transfer(string source, string received, FaxCompression line, int minimumRowBits, Random random, string spill)
    {
        using var document = new TiffT4DocumentSource(source, spill);
        using var sink = new TiffT4DocumentSink(received);
        byte[] buffer = new byte[256];
        for (int p = 0; p < document.PageCount; p++)
        {
            using IT4PageCoder coder = document.StartPage(p, line, minimumRowBits);
            using IT4PageWriter writer = sink.StartPage(document.PageFormat(p), line);
            long offset = 0;
            for (int i = 0; i < 1_000_000; i++)
            {
                int n = coder.Read(offset, buffer.AsSpan(0, random.Next(1, buffer.Length)));
                if (n == 0)
                {
                    break;
                }

                writer.Write(buffer.AsSpan(0, n));
                offset += n;
            }

            Assert.True(writer.EndOfPage);
            Assert.Equal(0, writer.BadRows);
            Assert.Equal(coder.Rows, writer.Rows);
            writer.Commit();
        }
    }

    private static void WriteInRandomChunks(IT4PageWriter writer, byte[] coded, Random random)
    {
        for (int at = 0; at < coded.Length;)
        {
            int n = Math.Min(random.Next(1, 200), coded.Length - at);
            writer.Write(coded.AsSpan(at, n));
            at += n;
        }
    }

    private static void AssertLibTiffToolsRead(string path, int pages)
    {
        (int code, string output, string error) = Tool.Run("tiffinfo", "-D", path);
        Assert.True(code == 0, $"tiffinfo: {error}");
        Assert.DoesNotContain("rror", error, StringComparison.Ordinal);
        Assert.Equal(pages, output.Split("TIFF Directory at offset", StringSplitOptions.None).Length - 1);
    }
}
