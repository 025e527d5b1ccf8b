namespace FaxBox.FaxServer.Documents;

/// <summary>An 8-bit greyscale picture (0 = black, 255 = white), one byte per pixel, rows top to bottom.</summary>
internal sealed class GreyImage
{
    public GreyImage(int width, int height, double? xDpi = null, double? yDpi = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        Width = width;
        Height = height;
        XDpi = xDpi is > 0 and < 100_000 ? xDpi : null;
        YDpi = yDpi is > 0 and < 100_000 ? yDpi : null;
        Pixels = new byte[checked((long)width * height)];
    }

    public int Width { get; }

    public int Height { get; }

    /// <summary>Horizontal density from the file (PNG pHYs, JFIF, TIFF tags), or null when it does not say.</summary>
    public double? XDpi { get; }

    /// <summary>Vertical density from the file, or null.</summary>
    public double? YDpi { get; }

    public byte[] Pixels { get; }

    public Span<byte> Row(int y) => Pixels.AsSpan(y * Width, Width);

    /// <summary>This picture turned a quarter turn anticlockwise (the top edge becomes the left edge), as gs fits landscape pages.</summary>
    public GreyImage RotateAnticlockwise()
    {
        var result = new GreyImage(Height, Width, YDpi, XDpi);
        for (int y = 0; y < Height; y++)
        {
            ReadOnlySpan<byte> row = Row(y);
            for (int x = 0; x < Width; x++)
            {
                // (x, y) moves to (y, Width - 1 - x).
                result.Pixels[((Width - 1 - x) * Height) + y] = row[x];
            }
        }

        return result;
    }
}
