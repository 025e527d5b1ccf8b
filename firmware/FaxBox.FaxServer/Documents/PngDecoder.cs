using System.Buffers.Binary;
using System.IO.Compression;

namespace FaxBox.FaxServer.Documents;

/// <summary>
/// Decodes a PNG (PNG specification, 3rd ed.) to greyscale: every colour type (0 grey, 2 RGB, 3 palette, 4 grey+alpha,
/// 6 RGBA) and bit depth, Adam7 interlacing, the five filter types (§7.3 / §9), transparency composited on white
/// (tRNS for palettes), the physical density from pHYs. Chunk CRCs are checked. The image size in IHDR is checked
/// against the limits before anything is inflated, and inflation stops at the size IHDR implies, so a small file
/// cannot expand into gigabytes.
/// </summary>
internal static class PngDecoder
{
    private static readonly (int X0, int Y0, int Dx, int Dy)[] s_adam7 =
        [(0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8), (2, 0, 4, 4), (0, 2, 2, 4), (1, 0, 2, 2), (0, 1, 1, 2)];

    /// <summary>Reads the header and decodes the picture.</summary>
    /// <param name="name">The file's display name, for messages.</param>
    /// <param name="data">The whole file.</param>
    /// <param name="checkSize">Called with width and height before decoding; throws to refuse the picture.</param>
    /// <exception cref="DocumentRejectedException">The file is not a valid PNG.</exception>
    public static GreyImage Decode(string name, ReadOnlySpan<byte> data, Action<int, int> checkSize)
    {
        if (!data.StartsWith(DocumentSniffer.PngSignature))
        {
            throw Damaged(name, "no PNG signature");
        }

        int pos = 8;
        int width = 0, height = 0, depth = 0, colourType = 0, interlace = 0;
        double? dpiX = null, dpiY = null;
        byte[]? palette = null;
        byte[]? paletteAlpha = null;
        using var idat = new MemoryStream();
        bool sawHeader = false, sawEnd = false;
        while (!sawEnd)
        {
            if (pos + 12 > data.Length)
            {
                throw Damaged(name, "the file ends in the middle (truncated?)");
            }

            uint length = BinaryPrimitives.ReadUInt32BigEndian(data[pos..]);
            if (length > int.MaxValue || pos + 12 + (long)length > data.Length)
            {
                throw Damaged(name, "the file ends in the middle (truncated?)");
            }

            ReadOnlySpan<byte> typeAndData = data.Slice(pos + 4, 4 + (int)length);
            uint crc = BinaryPrimitives.ReadUInt32BigEndian(data[(pos + 8 + (int)length)..]);
            if (PngCrc.Compute(typeAndData) != crc)
            {
                throw Damaged(name, "a chunk's checksum is wrong (corrupted file)");
            }

            ReadOnlySpan<byte> type = typeAndData[..4];
            ReadOnlySpan<byte> body = typeAndData[4..];
            pos += 12 + (int)length;
            if (!sawHeader && !type.SequenceEqual("IHDR"u8))
            {
                throw Damaged(name, "it does not start with an IHDR chunk");
            }

            if (type.SequenceEqual("IHDR"u8))
            {
                if (body.Length != 13)
                {
                    throw Damaged(name, "bad IHDR chunk");
                }

                width = checked((int)Math.Min(BinaryPrimitives.ReadUInt32BigEndian(body), int.MaxValue));
                height = checked((int)Math.Min(BinaryPrimitives.ReadUInt32BigEndian(body[4..]), int.MaxValue));
                depth = body[8];
                colourType = body[9];
                interlace = body[12];
                bool valid = colourType switch
                {
                    0 => depth is 1 or 2 or 4 or 8 or 16,
                    3 => depth is 1 or 2 or 4 or 8,
                    2 or 4 or 6 => depth is 8 or 16,
                    _ => false,
                };
                if (!valid || body[10] != 0 || body[11] != 0 || interlace > 1 || width == 0 || height == 0)
                {
                    throw Damaged(name, "its header describes an impossible image");
                }

                checkSize(width, height);
                sawHeader = true;
            }
            else if (type.SequenceEqual("PLTE"u8))
            {
                palette = body.ToArray();
            }
            else if (type.SequenceEqual("tRNS"u8))
            {
                paletteAlpha = body.ToArray();
            }
            else if (type.SequenceEqual("pHYs"u8) && body.Length == 9 && body[8] == 1)
            {
                dpiX = BinaryPrimitives.ReadUInt32BigEndian(body) * 0.0254;
                dpiY = BinaryPrimitives.ReadUInt32BigEndian(body[4..]) * 0.0254;
            }
            else if (type.SequenceEqual("IDAT"u8))
            {
                idat.Write(body);
            }
            else if (type.SequenceEqual("IEND"u8))
            {
                sawEnd = true;
            }
        }

        if (colourType == 3 && (palette is null || palette.Length % 3 != 0 || palette.Length == 0))
        {
            throw Damaged(name, "a palette image without a valid palette");
        }

        int channels = colourType switch { 0 or 3 => 1, 4 => 2, 2 => 3, _ => 4 };
        int bitsPerPixel = channels * depth;
        var passes = interlace == 1 ? s_adam7 : [(0, 0, 1, 1)];
        long expected = 0;
        foreach (var (x0, y0, dx, dy) in passes)
        {
            long pw = (width - x0 + dx - 1) / dx, ph = (height - y0 + dy - 1) / dy;
            if (pw > 0 && ph > 0)
            {
                expected += ph * (1 + (((pw * bitsPerPixel) + 7) / 8));
            }
        }

        byte[] raw = Inflate(name, idat, expected);
        var image = new GreyImage(width, height, dpiX, dpiY);
        byte[] greyOf = BuildPaletteGrey(palette, paletteAlpha);
        int offset = 0;
        foreach (var (x0, y0, dx, dy) in passes)
        {
            int pw = (width - x0 + dx - 1) / dx, ph = (height - y0 + dy - 1) / dy;
            if (pw <= 0 || ph <= 0)
            {
                continue;
            }

            int rowBytes = ((pw * bitsPerPixel) + 7) / 8;
            int bpp = Math.Max(1, bitsPerPixel / 8);
            byte[] previous = new byte[rowBytes];
            byte[] current = new byte[rowBytes];
            for (int r = 0; r < ph; r++)
            {
                byte filter = raw[offset];
                raw.AsSpan(offset + 1, rowBytes).CopyTo(current);
                offset += 1 + rowBytes;
                Unfilter(name, filter, current, previous, bpp);
                int y = y0 + (r * dy);
                for (int i = 0; i < pw; i++)
                {
                    image.Pixels[((long)y * width) + x0 + (i * dx)] = Grey(current, i, depth, colourType, greyOf);
                }

                (previous, current) = (current, previous);
            }
        }

        return image;
    }

    private static byte[] Inflate(string name, MemoryStream idat, long expected)
    {
        if (expected > int.MaxValue)
        {
            throw new DocumentRejectedException(name, "is too large an image");
        }

        byte[] raw = new byte[expected];
        idat.Position = 0;
        try
        {
            using var zlib = new ZLibStream(idat, CompressionMode.Decompress, leaveOpen: true);
            int filled = 0;
            while (filled < raw.Length)
            {
                int n = zlib.Read(raw, filled, raw.Length - filled);
                if (n == 0)
                {
                    throw Damaged(name, "its image data end early (truncated or corrupted file)");
                }

                filled += n;
            }
        }
        catch (InvalidDataException ex)
        {
            throw Damaged(name, "its compressed image data are corrupted", ex);
        }

        return raw;
    }

    /// <summary>Reverses filter types 0–4 (PNG §9.2) in place; <paramref name="previous"/> is the unfiltered row above (zeros for the first).</summary>
    private static void Unfilter(string name, byte filter, Span<byte> row, ReadOnlySpan<byte> previous, int bpp)
    {
        switch (filter)
        {
            case 0:
                break;
            case 1:
                for (int i = bpp; i < row.Length; i++)
                {
                    row[i] += row[i - bpp];
                }

                break;
            case 2:
                for (int i = 0; i < row.Length; i++)
                {
                    row[i] += previous[i];
                }

                break;
            case 3:
                for (int i = 0; i < row.Length; i++)
                {
                    int left = i >= bpp ? row[i - bpp] : 0;
                    row[i] += (byte)((left + previous[i]) >> 1);
                }

                break;
            case 4:
                for (int i = 0; i < row.Length; i++)
                {
                    int a = i >= bpp ? row[i - bpp] : 0, b = previous[i], c = i >= bpp ? previous[i - bpp] : 0;
                    int p = a + b - c, pa = Math.Abs(p - a), pb = Math.Abs(p - b), pc = Math.Abs(p - c);
                    row[i] += (byte)(pa <= pb && pa <= pc ? a : pb <= pc ? b : c);
                }

                break;
            default:
                throw Damaged(name, $"unknown row filter {filter}");
        }
    }

    private static byte[] BuildPaletteGrey(byte[]? palette, byte[]? alpha)
    {
        byte[] grey = new byte[256];
        Array.Fill(grey, (byte)255);
        if (palette is null)
        {
            return grey;
        }

        for (int i = 0; i < palette.Length / 3 && i < 256; i++)
        {
            int a = alpha is not null && i < alpha.Length ? alpha[i] : 255;
            grey[i] = OverWhite(Luma(palette[3 * i], palette[(3 * i) + 1], palette[(3 * i) + 2]), a);
        }

        return grey;
    }

    private static byte Grey(ReadOnlySpan<byte> row, int i, int depth, int colourType, byte[] paletteGrey)
    {
        if (depth < 8)
        {
            int bit = i * depth;
            int mask = (1 << depth) - 1;
            int v = (row[bit >> 3] >> (8 - depth - (bit & 7))) & mask;
            return colourType == 3 ? paletteGrey[v] : (byte)(v * 255 / mask);
        }

        int step = depth / 8; // 1 or 2 bytes per sample; the high byte comes first
        int s = colourType switch { 0 or 3 => 1, 4 => 2, 2 => 3, _ => 4 };
        int at = i * s * step;
        byte s0 = row[at], s1 = s > 1 ? row[at + step] : (byte)0, s2 = s > 2 ? row[at + (2 * step)] : (byte)0, s3 = s > 3 ? row[at + (3 * step)] : (byte)0;
        return colourType switch
        {
            0 => s0,
            3 => paletteGrey[s0],
            4 => OverWhite(s0, s1),
            2 => Luma(s0, s1, s2),
            _ => OverWhite(Luma(s0, s1, s2), s3),
        };
    }

    /// <summary>ITU-R BT.601 luma.</summary>
    internal static byte Luma(int r, int g, int b) => (byte)(((299 * r) + (587 * g) + (114 * b) + 500) / 1000);

    private static byte OverWhite(int grey, int alpha) => (byte)(((grey * alpha) + (255 * (255 - alpha)) + 127) / 255);

    private static DocumentRejectedException Damaged(string name, string detail, Exception? inner = null) =>
        new(name, $"is a damaged PNG image ({detail})", inner);
}
