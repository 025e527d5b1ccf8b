using BitMiracle.LibTiff.Classic;
using FaxBox.Fax.Documents;
using FaxBox.Fax.Managed.T4;
using FaxBox.Fax.Tests.Documents;

namespace FaxBox.Fax.Managed.Tests.T4;

public sealed class TiffT4DocumentSourceTests
{
    /// <summary>tiffcp codings of the source file: compression, fill order, rows per strip.</summary>
    public static TheoryData<string, string, string> SourceCodings
    {
        get
        {
            var data = new TheoryData<string, string, string>();
            foreach (string c in new[] { "g3:1d", "g3:2d", "g4", "g3:1d:fill", "g3:2d:fill" })
            {
                data.Add(c, "msb2lsb", "100000");
                data.Add(c, "lsb2msb", "100000");
                data.Add(c, "msb2lsb", "37");
            }

            return data;
        }
    }

    public static TheoryData<FaxCompression, int> LineCodings => new()
    {
        { FaxCompression.T4OneDimensional, 0 },
        { FaxCompression.T4OneDimensional, 1152 },
        { FaxCompression.T4TwoDimensional, 0 },
        { FaxCompression.T4TwoDimensional, 1152 },
        { FaxCompression.T6, 0 },
    };

    [Theory]
    [MemberData(nameof(SourceCodings))]
    public void EverySourceCoding_GivesThePixelsOfTheOriginal_OnEveryLineCoding(string codec, string fillOrder, string rowsPerStrip)
    {
        using var dir = new TempFolder();
        string original = dir.File("original.tif");
        TestPageGenerator.Write(original, new TestPageOptions { Pages = 2, Resolution = FaxResolution.Fine, Compression = FaxCompression.T6 });
        string source = dir.File("source.tif");
        TiffCp(codec, fillOrder, rowsPerStrip, original, source);
        FaxDocument expected = FaxDocument.Load(original);
        AssertLineCodingsMatch(source, expected, dir.Path);
    }

    [Theory]
    [MemberData(nameof(SourceCodings))]
    public void SharedCapture_InEveryCoding_GivesItsPixels(string codec, string fillOrder, string rowsPerStrip)
    {
        using var dir = new TempFolder();
        string source = dir.File("capture.tif");
        TiffCp(codec, fillOrder, rowsPerStrip, T4TestPages.CapturePath, source);
        AssertLineCodingsMatch(source, FaxDocument.Load(T4TestPages.CapturePath), dir.Path);
    }

    [Fact]
    public void SharedCapture_AsItIs_GivesItsPixels()
    {
        using var dir = new TempFolder();
        AssertLineCodingsMatch(T4TestPages.CapturePath, FaxDocument.Load(T4TestPages.CapturePath), dir.Path);
    }

    [Fact]
    public void MinIsBlackSource_IsSentAsMinIsWhite()
    {
        using var dir = new TempFolder();
        string path = dir.File("min-is-black.tif");
        FaxPage page = T4TestPages.Standard;
        byte[] inverted = page.Bits.ToArray();
        for (int i = 0; i < inverted.Length; i++)
        {
            inverted[i] = (byte)~inverted[i];
        }

        using (Tiff tif = Tiff.Open(path, "w"))
        {
            TiffFaxWriter.WriteTags(tif, page.Width, page.Height, page.XDpi, page.YDpi, FaxCompression.T6, page.Height, 0, 1);
            tif.SetField(TiffTag.PHOTOMETRIC, Photometric.MINISBLACK);
            Assert.True(tif.WriteEncodedStrip(0, inverted, inverted.Length) > 0);
        }

        AssertLineCodingsMatch(path, new FaxDocument([page]), dir.Path);
    }

    [Fact]
    public void PageFormat_GivesWidthAndResolutionInPixelsPerMetre()
    {
        using var dir = new TempFolder();
        string fine = dir.File("fine.tif");
        string standard = dir.File("standard.tif");
        TestPageGenerator.Write(fine, new TestPageOptions { Resolution = FaxResolution.Fine });
        TestPageGenerator.Write(standard, new TestPageOptions { Resolution = FaxResolution.Standard, Pages = 3 });
        using (var source = new TiffT4DocumentSource(fine))
        {
            Assert.Equal(1, source.PageCount);
            Assert.Equal(new T4PageFormat(1728, 8031, 7700), source.PageFormat(0));
        }

        using (var source = new TiffT4DocumentSource(standard))
        {
            Assert.Equal(3, source.PageCount);
            Assert.Equal(new T4PageFormat(1728, 8031, 3850), source.PageFormat(2));
            Assert.Throws<ArgumentOutOfRangeException>(() => source.PageFormat(3));
        }
    }

    [Fact]
    public void Coding_IsLazy_ReadsAgain_AndTheSpillFileGoesOnDispose()
    {
        using var dir = new TempFolder();
        string path = dir.File("doc.tif");
        TestPageGenerator.Write(path, new TestPageOptions { Resolution = FaxResolution.Fine, Compression = FaxCompression.T6 });
        using var source = new TiffT4DocumentSource(path, dir.Path);
        var coder = (TiffT4PageCoder)source.StartPage(0, FaxCompression.T4TwoDimensional, 0);
        byte[] first = new byte[100];
        Assert.Equal(100, coder.Read(0, first));

        // Only a chunk or so of the source is decoded for the first 100 octets.
        Assert.InRange(coder.Rows, 1, 400);
        Assert.False(coder.IsComplete);
        Assert.True(File.Exists(coder.SpillPath));

        byte[] all = ReadAll(coder, new Random(5));
        Assert.True(coder.IsComplete);
        Assert.Equal(source.Page(0).Height, coder.Rows);
        Assert.Equal(first, all.AsSpan(0, 100).ToArray());

        // Any block again, as an ECM sender asks for a frame again.
        byte[] again = new byte[256];
        int middle = all.Length / 2;
        Assert.Equal(256, coder.Read(middle, again));
        Assert.Equal(all.AsSpan(middle, 256).ToArray(), again);
        Assert.Equal(0, coder.Read(all.Length, again));
        Assert.Equal(10, coder.Read(all.Length - 10, again));

        Assert.Throws<InvalidOperationException>(() => source.StartPage(0, FaxCompression.T6, 0));
        coder.Dispose();
        Assert.False(File.Exists(coder.SpillPath));
        using IT4PageCoder next = source.StartPage(0, FaxCompression.T6, 0);
        Assert.True(next.Read(0, again) > 0);
    }

    [Fact]
    public void MissingSpillFolder_IsAClearError()
    {
        using var dir = new TempFolder();
        string path = dir.File("doc.tif");
        TestPageGenerator.Write(path, new TestPageOptions { Resolution = FaxResolution.Standard });
        using var source = new TiffT4DocumentSource(path, dir.File("no-such-folder"));
        var e = Assert.Throws<FaxDocumentException>(() => source.StartPage(0, FaxCompression.T6, 0));
        Assert.Contains("no-such-folder", e.Message, StringComparison.Ordinal);
        Assert.Contains("spill file of page 1", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NotATiff_IsAClearError()
    {
        using var dir = new TempFolder();
        string path = dir.File("text.tif");
        File.WriteAllText(path, "this is not a TIFF file at all");
        var e = Assert.Throws<FaxDocumentException>(() => new TiffT4DocumentSource(path));
        Assert.Equal(path, e.Path);
    }

    [Fact]
    public void LzwCompressedPage_IsRejectedNamingPageAndCompression()
    {
        using var dir = new TempFolder();
        string original = dir.File("original.tif");
        string lzw = dir.File("lzw.tif");
        TestPageGenerator.Write(original, new TestPageOptions { Pages = 2, Resolution = FaxResolution.Standard });
        TiffCp("lzw", "msb2lsb", "100000", original, lzw);
        var e = Assert.Throws<FaxDocumentException>(() => new TiffT4DocumentSource(lzw));
        Assert.Contains("page 1", e.Message, StringComparison.Ordinal);
        Assert.Contains("LZW", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void GreyscalePage_IsRejectedAsNotBilevel()
    {
        using var dir = new TempFolder();
        string path = dir.File("grey.tif");
        using (Tiff tif = Tiff.Open(path, "w"))
        {
            tif.SetField(TiffTag.IMAGEWIDTH, 1728);
            tif.SetField(TiffTag.IMAGELENGTH, 10);
            tif.SetField(TiffTag.BITSPERSAMPLE, 8);
            tif.SetField(TiffTag.SAMPLESPERPIXEL, 1);
            tif.SetField(TiffTag.PHOTOMETRIC, Photometric.MINISBLACK);
            tif.SetField(TiffTag.ROWSPERSTRIP, 10);
            byte[] row = new byte[1728];
            for (int y = 0; y < 10; y++)
            {
                tif.WriteScanline(row, y);
            }
        }

        var e = Assert.Throws<FaxDocumentException>(() => new TiffT4DocumentSource(path));
        Assert.Contains("not bilevel", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void WidthThatIsNotAFaxWidth_IsRejected()
    {
        using var dir = new TempFolder();
        string path = dir.File("narrow.tif");
        TestPageGenerator.Write(path, new TestPageOptions { Width = 1000, Resolution = FaxResolution.Standard });
        var e = Assert.Throws<FaxDocumentException>(() => new TiffT4DocumentSource(path));
        Assert.Contains("width 1000", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UncompressedModeOption_IsRejected()
    {
        using var dir = new TempFolder();
        string path = dir.File("uncompressed-mode.tif");
        FaxPage page = T4TestPages.Standard;
        byte[] coded = T4TestPages.Encode(page, FaxCompression.T4OneDimensional);
        File.WriteAllBytes(path, T4TestPages.WrapInTiff(page, coded, FaxCompression.T4OneDimensional, Group3Opt.UNCOMPRESSED));
        var e = Assert.Throws<FaxDocumentException>(() => new TiffT4DocumentSource(path));
        Assert.Contains("uncompressed mode", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TruncatedStrip_IsAnErrorNamingPageAndStrip()
    {
        using var dir = new TempFolder();
        string path = dir.File("cut.tif");
        FaxPage page = T4TestPages.Standard;
        byte[] coded = T4TestPages.Encode(page, FaxCompression.T6);
        File.WriteAllBytes(path, T4TestPages.WrapInTiff(page, coded[..(coded.Length / 2)], FaxCompression.T6));
        using var source = new TiffT4DocumentSource(path);
        using IT4PageCoder coder = source.StartPage(0, FaxCompression.T4OneDimensional, 0);
        var e = Assert.Throws<FaxDocumentException>(() => ReadAll(coder, new Random(1)));
        Assert.Contains("page 1: strip 0", e.Message, StringComparison.Ordinal);
        Assert.Contains("rows", e.Message, StringComparison.Ordinal);
    }

    internal static void TiffCp(string codec, string fillOrder, string rowsPerStrip, string input, string output)
    {
        (int code, _, string error) = Tool.Run("tiffcp", "-c", codec, "-f", fillOrder, "-r", rowsPerStrip, input, output);
        Assert.True(code == 0, "tiffcp failed: " + error);
    }

    internal static byte[] ReadAll(IT4PageCoder coder, Random random)
    {
        using var output = new MemoryStream();
        byte[] buffer = new byte[300];
        for (int i = 0; i < 1_000_000; i++)
        {
            int n = coder.Read(output.Length, buffer.AsSpan(0, random.Next(1, buffer.Length)));
            if (n == 0)
            {
                return output.ToArray();
            }

            output.Write(buffer, 0, n);
        }

        throw new InvalidOperationException("page did not end");
    }

    private static void AssertLineCodingsMatch(string source, FaxDocument expected, string spillDirectory)
    {
        using var document = new TiffT4DocumentSource(source, spillDirectory);
        Assert.Equal(expected.Pages.Count, document.PageCount);
        var random = new Random(42);
        foreach ((FaxCompression compression, int minimumRowBits) in LineCodings.Select(row => ((FaxCompression)row[0], (int)row[1])))
        {
            for (int p = 0; p < document.PageCount; p++)
            {
                FaxPage page = expected.Pages[p];
                using IT4PageCoder coder = document.StartPage(p, compression, minimumRowBits);
                byte[] coded = ReadAll(coder, random);
                Assert.Equal(page.Height, coder.Rows);
                (PageCollector rows, T4Decoder decoder) = T4TestPages.Decode(page.Width, compression, coded, 64);
                Assert.True(decoder.EndOfPage, $"{compression}: no RTC/EOFB on page {p + 1}");
                Assert.Equal(0, decoder.BadRows);
                Assert.Equal(page.Height, rows.Rows);
                Assert.True(rows.DifferingPixels(page) == 0, $"{compression}/{minimumRowBits}: page {p + 1} differs");
            }
        }
    }
}
