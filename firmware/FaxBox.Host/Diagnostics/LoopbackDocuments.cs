using BitMiracle.LibTiff.Classic;

namespace FaxBox.Host.Diagnostics;

/// <summary>The documents a loopback call sends and compares (bridge to FaxBox.Fax.Documents).</summary>
internal static class LoopbackDocuments
{
    public static void WriteTestPages(string path, int pages, string ident) => throw new NotImplementedException();

    public static void PrepareInput(string input, string sent) => File.Copy(input, sent, overwrite: true);

    public static int CountPages(string path) => Read(path).Count;

    public static (int Pages, long DifferingPixels) Compare(string sent, string received)
    {
        var a = Read(sent);
        var b = Read(received);
        long diff = 0;
        for (var i = 0; i < Math.Max(a.Count, b.Count); i++)
        {
            if (i >= a.Count || i >= b.Count || a[i].Length != b[i].Length)
            {
                diff += Math.Max(i < a.Count ? a[i].Length : 0, i < b.Count ? b[i].Length : 0) * 8L;
                continue;
            }

            for (var j = 0; j < a[i].Length; j++)
            {
                diff += System.Numerics.BitOperations.PopCount((uint)(a[i][j] ^ b[i][j]));
            }
        }

        return (b.Count, diff);
    }

    public static long TotalPixels(string path) => Read(path).Sum(p => p.Length * 8L);

    private static List<byte[]> Read(string path)
    {
        var pages = new List<byte[]>();
        using var tiff = Tiff.Open(path, "r") ?? throw new IOException($"{path}: not a TIFF");
        do
        {
            var width = tiff.GetField(TiffTag.IMAGEWIDTH)[0].ToInt();
            var height = tiff.GetField(TiffTag.IMAGELENGTH)[0].ToInt();
            var minIsBlack = tiff.GetField(TiffTag.PHOTOMETRIC)?[0].ToInt() == (int)Photometric.MINISBLACK;
            var stride = tiff.ScanlineSize();
            var page = new byte[stride * height];
            var row = new byte[stride];
            for (var y = 0; y < height; y++)
            {
                tiff.ReadScanline(row, y);
                for (var x = 0; x < stride; x++)
                {
                    page[(y * stride) + x] = minIsBlack ? (byte)~row[x] : row[x];
                }
            }

            _ = width;
            pages.Add(page);
        }
        while (tiff.ReadDirectory());

        return pages;
    }
}
