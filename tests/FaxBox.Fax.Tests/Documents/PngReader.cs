using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace FaxBox.Fax.Tests.Documents;

/// <summary>Tiny PNG reader for tests: checks signature and CRCs, decodes greyscale 1/8-bit with filter 0..4.</summary>
internal sealed class PngReader
{
    public int Width { get; private set; }

    public int Height { get; private set; }

    public int BitDepth { get; private set; }

    public int ColourType { get; private set; }

    public List<string> Chunks { get; } = [];

    /// <summary>Grey value 0..255 per pixel, row-major.</summary>
    public byte[] Grey { get; private set; } = [];

    public bool IsBlack(int x, int y) => Grey[(y * Width) + x] < 128;

    public static PngReader Read(byte[] png)
    {
        byte[] sig = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
        Assert.Equal(sig, png[..8]);
        var r = new PngReader();
        using var idat = new MemoryStream();
        int pos = 8;
        while (pos < png.Length)
        {
            int len = (int)BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(pos));
            string type = Encoding.ASCII.GetString(png, pos + 4, 4);
            var body = png.AsSpan(pos + 8, len);
            uint crc = BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(pos + 8 + len));
            Assert.Equal(Crc(png.AsSpan(pos + 4, len + 4)), crc);
            r.Chunks.Add(type);
            if (type == "IHDR")
            {
                r.Width = (int)BinaryPrimitives.ReadUInt32BigEndian(body);
                r.Height = (int)BinaryPrimitives.ReadUInt32BigEndian(body[4..]);
                r.BitDepth = body[8];
                r.ColourType = body[9];
            }
            else if (type == "IDAT")
            {
                idat.Write(body);
            }

            pos += 12 + len;
        }

        idat.Position = 0;
        using var z = new ZLibStream(idat, CompressionMode.Decompress);
        using var raw = new MemoryStream();
        z.CopyTo(raw);
        byte[] data = raw.ToArray();
        int stride = ((r.Width * r.BitDepth) + 7) / 8;
        Assert.Equal((stride + 1) * r.Height, data.Length);
        r.Grey = new byte[r.Width * r.Height];
        byte[] prev = new byte[stride];
        for (int y = 0; y < r.Height; y++)
        {
            int f = data[y * (stride + 1)];
            Assert.Equal(0, f); // the writer only uses filter None
            var row = data.AsSpan((y * (stride + 1)) + 1, stride);
            for (int x = 0; x < r.Width; x++)
            {
                r.Grey[(y * r.Width) + x] = r.BitDepth == 1
                    ? (byte)(((row[x >> 3] >> (7 - (x & 7))) & 1) * 255)
                    : row[x];
            }
        }

        return r;
    }

    private static uint Crc(ReadOnlySpan<byte> data)
    {
        uint c = 0xFFFFFFFF;
        foreach (byte b in data)
        {
            c ^= b;
            for (int k = 0; k < 8; k++)
            {
                c = (c & 1) != 0 ? 0xEDB88320 ^ (c >> 1) : c >> 1;
            }
        }

        return ~c;
    }
}
