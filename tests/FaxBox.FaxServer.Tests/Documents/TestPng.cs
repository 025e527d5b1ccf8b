using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using FaxBox.FaxServer.Documents;

namespace FaxBox.FaxServer.Tests.Documents;

/// <summary>
/// A test PNG encoder (greyscale, 8 bit) that can interlace (Adam7) and cycles through all five row filters, so the
/// decoder meets every filter type; also writes headers that lie about the size.
/// </summary>
internal static class TestPng
{
    public static byte[] Grey(int width, int height, Func<int, int, byte> pixel, bool interlace = false, double? dpi = null)
    {
        using var raw = new MemoryStream();
        (int X0, int Y0, int Dx, int Dy)[] passes = interlace
            ? [(0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8), (2, 0, 4, 4), (0, 2, 2, 4), (1, 0, 2, 2), (0, 1, 1, 2)]
            : [(0, 0, 1, 1)];
        int rowIndex = 0;
        foreach (var (x0, y0, dx, dy) in passes)
        {
            int pw = (width - x0 + dx - 1) / dx, ph = (height - y0 + dy - 1) / dy;
            if (pw <= 0 || ph <= 0)
            {
                continue;
            }

            byte[] previous = new byte[pw];
            for (int r = 0; r < ph; r++)
            {
                byte[] row = new byte[pw];
                for (int i = 0; i < pw; i++)
                {
                    row[i] = pixel(x0 + (i * dx), y0 + (r * dy));
                }

                int filter = rowIndex++ % 5;
                raw.WriteByte((byte)filter);
                for (int i = 0; i < pw; i++)
                {
                    int a = i > 0 ? row[i - 1] : 0, b = previous[i], c = i > 0 ? previous[i - 1] : 0;
                    int predictor = filter switch
                    {
                        0 => 0,
                        1 => a,
                        2 => b,
                        3 => (a + b) >> 1,
                        _ => Paeth(a, b, c),
                    };
                    raw.WriteByte((byte)(row[i] - predictor));
                }

                previous = row;
            }
        }

        byte[] ihdr = new byte[13];
        BinaryPrimitives.WriteUInt32BigEndian(ihdr, (uint)width);
        BinaryPrimitives.WriteUInt32BigEndian(ihdr.AsSpan(4), (uint)height);
        ihdr[8] = 8;
        ihdr[12] = (byte)(interlace ? 1 : 0);
        return Build(ihdr, Deflate(raw.ToArray()), dpi);
    }

    /// <summary>A PNG whose header claims <paramref name="width"/> × <paramref name="height"/> but holds a few bytes of data.</summary>
    public static byte[] Claiming(int width, int height)
    {
        byte[] ihdr = new byte[13];
        BinaryPrimitives.WriteUInt32BigEndian(ihdr, (uint)width);
        BinaryPrimitives.WriteUInt32BigEndian(ihdr.AsSpan(4), (uint)height);
        ihdr[8] = 8;
        return Build(ihdr, Deflate(new byte[1000]), null);
    }

    private static byte[] Build(byte[] ihdr, byte[] idat, double? dpi)
    {
        using var png = new MemoryStream();
        png.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        Chunk(png, "IHDR", ihdr);
        if (dpi is { } d)
        {
            byte[] phys = new byte[9];
            uint ppm = (uint)Math.Round(d / 0.0254);
            BinaryPrimitives.WriteUInt32BigEndian(phys, ppm);
            BinaryPrimitives.WriteUInt32BigEndian(phys.AsSpan(4), ppm);
            phys[8] = 1;
            Chunk(png, "pHYs", phys);
        }

        Chunk(png, "IDAT", idat);
        Chunk(png, "IEND", []);
        return png.ToArray();
    }

    private static byte[] Deflate(byte[] data)
    {
        using var compressed = new MemoryStream();
        using (var z = new ZLibStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
        {
            z.Write(data);
        }

        return compressed.ToArray();
    }

    private static void Chunk(Stream s, string type, byte[] data)
    {
        byte[] header = new byte[8];
        BinaryPrimitives.WriteUInt32BigEndian(header, (uint)data.Length);
        Encoding.ASCII.GetBytes(type, header.AsSpan(4));
        s.Write(header);
        s.Write(data);
        byte[] crcInput = [.. header.AsSpan(4).ToArray(), .. data];
        byte[] crc = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(crc, PngCrc.Compute(crcInput));
        s.Write(crc);
    }

    private static int Paeth(int a, int b, int c)
    {
        int p = a + b - c, pa = Math.Abs(p - a), pb = Math.Abs(p - b), pc = Math.Abs(p - c);
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }
}
