using BitMiracle.LibTiff.Classic;
using FaxBox.Fax.Documents;
using FaxBox.Fax.Managed.T4;

namespace FaxBox.Fax.Managed.Tests.T4;

/// <summary>Test pages and helpers shared by the T.4 tests.</summary>
internal static class T4TestPages
{
    private static readonly Lazy<FaxPage> s_fine = new(() => TestPageGenerator.Generate(new TestPageOptions { Resolution = FaxResolution.Fine }).Pages[0]);
    private static readonly Lazy<FaxPage> s_standard = new(() => TestPageGenerator.Generate(new TestPageOptions { Resolution = FaxResolution.Standard }).Pages[0]);

    /// <summary>An A4 fine test page (1728 × 2292 or so).</summary>
    public static FaxPage Fine => s_fine.Value;

    /// <summary>An A4 standard test page.</summary>
    public static FaxPage Standard => s_standard.Value;

    public static string CapturePath
    {
        get
        {
            string? dir = AppContext.BaseDirectory;
            for (int i = 0; i < 10 && dir is not null; i++, dir = Path.GetDirectoryName(dir))
            {
                string candidate = Path.Combine(dir, "..", "shared", "captures", "test-2p-g3.tif");
                if (File.Exists(candidate))
                {
                    return Path.GetFullPath(candidate);
                }
            }

            throw new FileNotFoundException("../shared/captures/test-2p-g3.tif not found above " + AppContext.BaseDirectory);
        }
    }

    /// <summary>Codes <paramref name="page"/> with <see cref="T4Encoder"/> into one buffer.</summary>
    public static byte[] Encode(FaxPage page, FaxCompression compression, int minimumRowBits = 0, int? k = null)
    {
        var encoder = new T4Encoder(page.Width);
        encoder.StartPage(compression, k ?? T4Encoder.KFor(YResolution(page)), minimumRowBits);
        using var output = new MemoryStream();
        for (int y = 0; y < page.Height; y++)
        {
            output.Write(encoder.EncodeRow((ReadOnlySpan<byte>)page.GetRow(y)));
        }

        output.Write(encoder.Finish());
        return output.ToArray();
    }

    /// <summary>Decodes <paramref name="coded"/> with <see cref="T4Decoder"/>, in chunks of the given sizes (cycled).</summary>
    public static (PageCollector Rows, T4Decoder Decoder) Decode(int width, FaxCompression compression, byte[] coded, params int[] chunks)
    {
        var rows = new PageCollector(width);
        var decoder = new T4Decoder(width, rows);
        decoder.Start(compression);
        if (chunks.Length == 0)
        {
            chunks = [coded.Length];
        }

        int at = 0;
        for (int i = 0; at < coded.Length; i++)
        {
            int n = Math.Min(Math.Max(1, chunks[i % chunks.Length]), coded.Length - at);
            decoder.Write(coded.AsSpan(at, n));
            at += n;
        }

        return (rows, decoder);
    }

    public static int YResolution(FaxPage page) => (int)Math.Round(page.YDpi / 0.0254);

    /// <summary>Wraps already coded data as the single strip of a TIFF page and returns the file's bytes.</summary>
    public static byte[] WrapInTiff(FaxPage like, byte[] coded, FaxCompression compression, Group3Opt? group3Options = null)
    {
        using var memory = new MemoryStream();
        using (Tiff tif = TiffFaxWriter.OpenMemory("wrapped.tif", memory))
        {
            TiffFaxWriter.WriteTags(tif, like.Width, like.Height, like.XDpi, like.YDpi, compression, like.Height, 0, 1, group3Options);
            Assert.True(tif.WriteRawStrip(0, coded, coded.Length) > 0);
            Assert.True(tif.WriteDirectory());
            tif.Flush();
        }

        return memory.ToArray();
    }

    /// <summary>Pixels differing between two pages of the same size.</summary>
    public static long Differing(FaxPage expected, FaxPage actual)
    {
        Assert.Equal(expected.Width, actual.Width);
        Assert.Equal(expected.Height, actual.Height);
        long diff = 0;
        ReadOnlySpan<byte> e = expected.Bits, a = actual.Bits;
        for (int i = 0; i < e.Length; i++)
        {
            diff += System.Numerics.BitOperations.PopCount((uint)(e[i] ^ a[i]));
        }

        return diff;
    }
}
