using BitMiracle.LibTiff.Classic;
using FaxBox.Fax.Documents;
using FaxBox.Fax.Managed.T4;

namespace FaxBox.Fax.Managed.Tests.T4;

public sealed class T4CodecTests
{
    public static TheoryData<FaxCompression, int> Codings => new()
    {
        { FaxCompression.T4OneDimensional, 0 },
        { FaxCompression.T4OneDimensional, 1152 },
        { FaxCompression.T4TwoDimensional, 0 },
        { FaxCompression.T4TwoDimensional, 1152 },
        { FaxCompression.T6, 0 },
    };

    [Theory]
    [MemberData(nameof(Codings))]
    public void A4FinePage_RoundTripsPixelExact(FaxCompression compression, int minimumRowBits)
    {
        FaxPage page = T4TestPages.Fine;
        byte[] coded = T4TestPages.Encode(page, compression, minimumRowBits);
        (PageCollector rows, T4Decoder decoder) = T4TestPages.Decode(page.Width, compression, coded);
        Assert.Equal(page.Height, rows.Rows);
        Assert.Equal(0, decoder.BadRows);
        Assert.True(decoder.EndOfPage);
        Assert.Null(decoder.Error);
        Assert.Equal(0, rows.DifferingPixels(page));
    }

    [Theory]
    [MemberData(nameof(Codings))]
    public void MinimumRowBits_EveryRowIsAtLeastThatLong(FaxCompression compression, int minimumRowBits)
    {
        FaxPage page = T4TestPages.Standard;
        var encoder = new T4Encoder(page.Width);
        encoder.StartPage(compression, 2, minimumRowBits);
        int shortest = int.MaxValue;
        for (int y = 0; y < page.Height; y++)
        {
            // Octets out per row differ from the row's bits by less than one octet.
            shortest = Math.Min(shortest, encoder.EncodeRow((ReadOnlySpan<byte>)page.GetRow(y)).Length);
        }

        if (compression == FaxCompression.T6)
        {
            // MMR has no fill: a white row is a single V0 bit, so some rows produce no whole octet.
            Assert.Equal(0, shortest);
        }
        else
        {
            // Every T.4 row carries at least its EOL (12 bits).
            Assert.True(shortest * 8 >= minimumRowBits - 8 && shortest >= 1, $"shortest row {shortest} octets");
        }
    }

    [Fact]
    public void WideRandomRows_WithRunsLongerThan2560_RoundTrip()
    {
        // 4864 pixels (A3 at 400 dpi): white rows need the 2560 make-up code twice over; noise gives every mode.
        var page = new FaxPage(4864, 300, 400, 400);
        var random = new Random(7);
        for (int y = 0; y < page.Height; y++)
        {
            int kind = y % 5;
            if (kind == 1)
            {
                random.NextBytes(page.GetRow(y));
            }
            else if (kind == 2)
            {
                page.FillRectangle(0, y, page.Width, 1);
            }
            else if (kind >= 3)
            {
                for (int x = 0; x < page.Width; x += random.Next(1, 300))
                {
                    page.FillRectangle(x, y, random.Next(1, 40), 1);
                }
            }
        }

        page.ClearPadding();
        foreach (FaxCompression c in new[] { FaxCompression.T4OneDimensional, FaxCompression.T4TwoDimensional, FaxCompression.T6 })
        {
            byte[] coded = T4TestPages.Encode(page, c, k: 4);
            (PageCollector rows, T4Decoder decoder) = T4TestPages.Decode(page.Width, c, coded, 3, 1, 17, 64);
            Assert.Equal(page.Height, rows.Rows);
            Assert.Equal(0, decoder.BadRows);
            Assert.Equal(0, rows.DifferingPixels(page));
        }
    }

    [Theory]
    [MemberData(nameof(Codings))]
    public void EncoderOutput_DecodesWithLibTiff(FaxCompression compression, int minimumRowBits)
    {
        FaxPage page = T4TestPages.Fine;
        byte[] coded = T4TestPages.Encode(page, compression, minimumRowBits);
        string path = Path.Combine(Path.GetTempPath(), $"t4-libtiff-{Guid.NewGuid():N}.tif");
        try
        {
            Group3Opt? options = compression == FaxCompression.T4TwoDimensional ? Group3Opt.ENCODING2D : compression == FaxCompression.T4OneDimensional ? 0 : null;
            File.WriteAllBytes(path, T4TestPages.WrapInTiff(page, coded, compression, options));
            FaxDocument read = FaxDocument.Load(path);
            Assert.Single(read.Pages);
            Assert.Equal(0, T4TestPages.Differing(page, read.Pages[0]));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Theory]
    [InlineData(FaxCompression.T4OneDimensional)]
    [InlineData(FaxCompression.T4TwoDimensional)]
    [InlineData(FaxCompression.T6)]
    public void EveryRunLength_OfBothColours_DecodesWithLibTiff(FaxCompression compression)
    {
        // Row 2r: white r, then black to the end; row 2r + 1: black r, then white. With r = 0…2623 every terminating
        // code, every make-up code and the extended make-up codes (Tables 1–3/T.4) occur for both colours, as do runs
        // past 2560 that need a make-up code twice.
        const int Width = 4864;
        const int Longest = 2624;
        var page = new FaxPage(Width, 2 * Longest, 400, 400);
        for (int r = 0; r < Longest; r++)
        {
            page.FillRectangle(r, 2 * r, Width - r, 1);
            page.FillRectangle(0, (2 * r) + 1, r, 1);
        }

        byte[] coded = T4TestPages.Encode(page, compression, k: 4);
        string path = Path.Combine(Path.GetTempPath(), $"t4-runs-{Guid.NewGuid():N}.tif");
        try
        {
            Group3Opt? options = compression == FaxCompression.T4TwoDimensional ? Group3Opt.ENCODING2D : compression == FaxCompression.T4OneDimensional ? 0 : null;
            File.WriteAllBytes(path, T4TestPages.WrapInTiff(page, coded, compression, options));
            FaxDocument read = FaxDocument.Load(path);
            Assert.Equal(0, T4TestPages.Differing(page, read.Pages[0]));
        }
        finally
        {
            File.Delete(path);
        }

        (PageCollector rows, T4Decoder decoder) = T4TestPages.Decode(Width, compression, coded, 29);
        Assert.Equal(0, decoder.BadRows);
        Assert.Equal(0, rows.DifferingPixels(page));
    }

    [Theory]
    [InlineData(FaxCompression.T4OneDimensional)]
    [InlineData(FaxCompression.T4TwoDimensional)]
    [InlineData(FaxCompression.T6)]
    public void LibTiffCodedData_DecodesPixelExact(FaxCompression compression)
    {
        FaxPage page = T4TestPages.Fine;
        byte[] file = TiffFaxWriter.Encode("libtiff.tif", [page], compression);
        using var stream = new MemoryStream(file);
        using Tiff tif = Tiff.ClientOpen("libtiff.tif", "r", stream, new TiffStream())!;
        Assert.Equal(1, tif.NumberOfStrips());
        byte[] raw = new byte[(int)tif.RawStripSize(0)];
        Assert.Equal(raw.Length, tif.ReadRawStrip(0, raw, 0, raw.Length));

        // libtiff writes no RTC/EOFB-less ends the decoder cannot take: a TIFF strip ends by its row count.
        var rows = new PageCollector(page.Width);
        var decoder = new T4Decoder(page.Width, rows);
        decoder.Start(compression, page.Height);
        decoder.Write(raw);
        Assert.True(decoder.IsFinished);
        Assert.Equal(page.Height, rows.Rows);
        Assert.Equal(0, decoder.BadRows);
        Assert.Equal(0, rows.DifferingPixels(page));
    }

    [Theory]
    [MemberData(nameof(Codings))]
    public void RandomChunking_GivesTheSameRows(FaxCompression compression, int minimumRowBits)
    {
        FaxPage page = T4TestPages.Standard;
        byte[] coded = T4TestPages.Encode(page, compression, minimumRowBits);
        var random = new Random(compression.GetHashCode() + minimumRowBits);
        int[] chunks = Enumerable.Range(0, 101).Select(_ => random.Next(1, 40)).ToArray();
        (PageCollector rows, T4Decoder decoder) = T4TestPages.Decode(page.Width, compression, coded, chunks);
        Assert.Equal(page.Height, rows.Rows);
        Assert.True(decoder.EndOfPage);
        Assert.Equal(0, rows.DifferingPixels(page));
    }

    [Fact]
    public void DataAfterRtc_IsIgnored()
    {
        FaxPage page = T4TestPages.Standard;
        byte[] coded = [.. T4TestPages.Encode(page, FaxCompression.T4TwoDimensional), .. T4TestPages.Encode(page, FaxCompression.T4TwoDimensional)];
        (PageCollector rows, T4Decoder decoder) = T4TestPages.Decode(page.Width, FaxCompression.T4TwoDimensional, coded);
        Assert.True(decoder.EndOfPage);
        Assert.Equal(page.Height, rows.Rows);
    }

    [Theory]
    [InlineData(FaxCompression.T4OneDimensional)]
    [InlineData(FaxCompression.T4TwoDimensional)]
    public void FlippedBits_CountBadRowsAndTheRestDecodes(FaxCompression compression)
    {
        FaxPage page = T4TestPages.Fine;
        byte[] coded = T4TestPages.Encode(page, compression, 1152);
        var random = new Random(11);
        int start = coded.Length / 10;
        for (int i = 0; i < 20; i++)
        {
            // Errors spread over the page's middle, away from RTC.
            int at = start + (i * (coded.Length * 8 / 10 / 20)) + random.Next(0, 100);
            coded[at] ^= (byte)(1 << random.Next(8));
        }

        (PageCollector rows, T4Decoder decoder) = T4TestPages.Decode(page.Width, compression, coded, 1000);
        Assert.True(decoder.EndOfPage);
        Assert.InRange(decoder.BadRows, 1, 20 * 8);
        Assert.InRange(decoder.LongestBadRowRun, 1, compression == FaxCompression.T4TwoDimensional ? 8 : 2);

        // A flip can make or break an EOL, so allow a row or two either way per error; most of the page is intact.
        Assert.InRange(rows.Rows, page.Height - 40, page.Height + 40);
        Assert.Equal(decoder.BadRows, rows.BadRows);
    }

    [Theory]
    [InlineData(FaxCompression.T4OneDimensional)]
    [InlineData(FaxCompression.T4TwoDimensional)]
    public void DroppedChunk_ResynchronisesAtTheNextEol(FaxCompression compression)
    {
        FaxPage page = T4TestPages.Fine;
        // Without fill, so that the cut lands in row data (a cut from fill to fill loses rows without a trace).
        byte[] coded = T4TestPages.Encode(page, compression);
        int cut = (coded.Length / 2) + 5;
        byte[] damaged = [.. coded.AsSpan(0, cut), .. coded.AsSpan(cut + 300)];
        (PageCollector rows, T4Decoder decoder) = T4TestPages.Decode(page.Width, compression, damaged, 188);
        Assert.True(decoder.EndOfPage);
        Assert.InRange(decoder.BadRows, 1, compression == FaxCompression.T4TwoDimensional ? 4 : 1);

        // Every row codes to at least 2 octets (EOL and a code), so at most 150 rows are lost.
        Assert.InRange(rows.Rows, page.Height - 150, page.Height - 1);
        Assert.True(rows.DifferingPixels(page) > 0);
    }

    [Fact]
    public void T6_BadCode_StopsWithAnError()
    {
        FaxPage page = T4TestPages.Standard;
        byte[] coded = T4TestPages.Encode(page, FaxCompression.T6);
        for (int i = coded.Length / 2; i < (coded.Length / 2) + 8; i++)
        {
            coded[i] = 0x02; // 0000001: the extension code, not supported
        }

        (PageCollector rows, T4Decoder decoder) = T4TestPages.Decode(page.Width, FaxCompression.T6, coded);
        Assert.False(decoder.EndOfPage);
        Assert.True(decoder.IsFinished);
        Assert.NotNull(decoder.Error);
        Assert.Contains("row", decoder.Error, StringComparison.Ordinal);
        Assert.InRange(rows.Rows, 1, page.Height - 1);
    }

    [Theory]
    [InlineData(FaxCompression.T4OneDimensional)]
    [InlineData(FaxCompression.T4TwoDimensional)]
    [InlineData(FaxCompression.T6)]
    public void RandomBytes_DecodeWithoutThrowing_AndRowsStayWithinTheWidth(FaxCompression compression)
    {
        var random = new Random(23 + (int)compression);
        byte[] data = new byte[4096];
        var rows = new RowChecker(1728);
        var decoder = new T4Decoder(1728, rows);
        for (int trial = 0; trial < 200; trial++)
        {
            random.NextBytes(data);
            if (trial % 2 == 0)
            {
                // Mostly 0s with sparse 1s: many EOL-like patterns, fill, and long codes.
                for (int i = 0; i < data.Length; i++)
                {
                    data[i] &= (byte)(random.Next(4) == 0 ? 0xFF : 0x01);
                }
            }

            decoder.Start(compression);
            for (int at = 0; at < data.Length; at += 97)
            {
                decoder.Write(data.AsSpan(at, Math.Min(97, data.Length - at)));
            }

            Assert.True(decoder.BadRows <= decoder.Rows);
        }

        Assert.True(rows.Rows > 0);
    }

    [Fact]
    public void PackAndUnpack_AreInverse()
    {
        var random = new Random(3);
        foreach (int width in new[] { 1, 7, 8, 9, 1728, 2431 })
        {
            byte[] row = new byte[(width + 7) / 8];
            int[] changes = new int[width + 4];
            byte[] again = new byte[row.Length];
            for (int trial = 0; trial < 50; trial++)
            {
                random.NextBytes(row);
                if (width % 8 != 0)
                {
                    row[^1] &= (byte)(0xFF << (8 - (width % 8)));
                }

                int n = T4Row.Unpack(row, width, changes);
                T4Row.Pack(changes.AsSpan(0, n), width, again);
                Assert.Equal(row, again);
            }
        }
    }

    [Fact]
    public void SteadyState_DecodeAndEncode_DoNotAllocate()
    {
        FaxPage page = T4TestPages.Fine;
        byte[] coded = T4TestPages.Encode(page, FaxCompression.T4TwoDimensional, 1152);
        var sink = new RecodingSink(page.Width);
        var decoder = new T4Decoder(page.Width, sink);
        RunOnce(decoder, coded, sink);
        long before = GC.GetAllocatedBytesForCurrentThread();
        RunOnce(decoder, coded, sink);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(page.Height, decoder.Rows);
        Assert.True(sink.Octets > 10_000);
        Assert.Equal(0, allocated);

        static void RunOnce(T4Decoder decoder, byte[] coded, RecodingSink sink)
        {
            decoder.Start(FaxCompression.T4TwoDimensional);
            sink.Encoder.StartPage(FaxCompression.T6, 4, 0);
            for (int at = 0; at < coded.Length; at += 256)
            {
                decoder.Write(coded.AsSpan(at, Math.Min(256, coded.Length - at)));
            }

            sink.Octets += sink.Encoder.Finish().Length;
        }
    }

    private sealed class RowChecker(int width) : IT4RowSink
    {
        public int Rows { get; private set; }

        public void OnRow(ReadOnlySpan<int> changes, bool bad)
        {
            Rows++;
            for (int i = 0; i < changes.Length; i++)
            {
                Assert.InRange(changes[i], i == 0 ? 0 : changes[i - 1] + 1, width - 1);
            }
        }
    }

    private sealed class RecodingSink(int width) : IT4RowSink
    {
        public T4Encoder Encoder { get; } = new(width);

        public long Octets { get; set; }

        public void OnRow(ReadOnlySpan<int> changes, bool bad) => Octets += Encoder.EncodeRow(changes).Length;
    }
}
