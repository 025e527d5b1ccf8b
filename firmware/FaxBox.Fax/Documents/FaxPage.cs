namespace FaxBox.Fax.Documents;

/// <summary>
/// One bilevel fax page: packed 1 bit per pixel, most significant bit first, rows padded to whole bytes,
/// 0 = white and 1 = black (TIFF PhotometricInterpretation MinIsWhite). Padding bits are kept 0.
/// </summary>
public sealed class FaxPage
{
    /// <summary>Largest accepted width in pixels.</summary>
    public const int MaxWidth = 10000;

    /// <summary>Largest accepted height in rows (a very long page at superfine is about 30 000).</summary>
    public const int MaxHeight = 100000;

    /// <summary>Smallest accepted resolution in dots per inch.</summary>
    public const double MinDpi = 10;

    /// <summary>Largest accepted resolution in dots per inch.</summary>
    public const double MaxDpi = 2400;

    private readonly byte[] _bits;

    /// <summary>Creates an all-white page.</summary>
    /// <param name="width">Width in pixels, 1…<see cref="MaxWidth"/>.</param>
    /// <param name="height">Height in rows, 1…<see cref="MaxHeight"/>.</param>
    /// <param name="xDpi">Horizontal resolution in pixels per inch.</param>
    /// <param name="yDpi">Vertical resolution in lines per inch.</param>
    public FaxPage(int width, int height, double xDpi, double yDpi)
    {
        string? problem = Validate(width, height, xDpi, yDpi);
        if (problem is not null)
        {
            throw new ArgumentOutOfRangeException(nameof(width), problem);
        }

        Width = width;
        Height = height;
        XDpi = xDpi;
        YDpi = yDpi;
        Stride = (width + 7) / 8;
        _bits = new byte[checked(Stride * height)];
    }

    /// <summary>Creates an all-white page at a standard fax resolution.</summary>
    public FaxPage(int width, int height, FaxResolution resolution)
        : this(width, height, resolution.XDpi(), resolution.YDpi())
    {
    }

    /// <summary>Width in pixels.</summary>
    public int Width { get; }

    /// <summary>Height in rows.</summary>
    public int Height { get; }

    /// <summary>Horizontal resolution in pixels per inch.</summary>
    public double XDpi { get; }

    /// <summary>Vertical resolution in lines per inch.</summary>
    public double YDpi { get; }

    /// <summary>Bytes per row: (Width + 7) / 8.</summary>
    public int Stride { get; }

    /// <summary>The fax resolution these densities match (±5 %), or null.</summary>
    public FaxResolution? Resolution => FaxResolutionExtensions.FromDpi(XDpi, YDpi);

    /// <summary>All rows, <see cref="Stride"/> bytes each.</summary>
    public Span<byte> Bits => _bits;

    /// <summary>One row of packed pixels.</summary>
    public Span<byte> GetRow(int y) => _bits.AsSpan(y * Stride, Stride);

    /// <summary>True when the pixel is black.</summary>
    public bool GetPixel(int x, int y) => (_bits[(y * Stride) + (x >> 3)] & (0x80 >> (x & 7))) != 0;

    /// <summary>Sets a pixel black (true) or white (false).</summary>
    public void SetPixel(int x, int y, bool black)
    {
        ref byte b = ref _bits[(y * Stride) + (x >> 3)];
        int mask = 0x80 >> (x & 7);
        b = black ? (byte)(b | mask) : (byte)(b & ~mask);
    }

    /// <summary>Fills a rectangle (clipped to the page) with black or white.</summary>
    public void FillRectangle(int x, int y, int width, int height, bool black = true)
    {
        int x0 = Math.Max(0, x), y0 = Math.Max(0, y);
        int x1 = Math.Min(Width, x + width), y1 = Math.Min(Height, y + height);
        for (int yy = y0; yy < y1; yy++)
        {
            for (int xx = x0; xx < x1; xx++)
            {
                SetPixel(xx, yy, black);
            }
        }
    }

    /// <summary>Number of black pixels on the page.</summary>
    public long CountBlackPixels()
    {
        long n = 0;
        foreach (byte b in _bits)
        {
            n += System.Numerics.BitOperations.PopCount(b);
        }

        return n;
    }

    /// <summary>Returns a reason the geometry is impossible, or null when it is acceptable.</summary>
    internal static string? Validate(int width, int height, double xDpi, double yDpi)
    {
        if (width is <= 0 or > MaxWidth)
        {
            return $"impossible width {width} (must be 1..{MaxWidth})";
        }

        if (height is <= 0 or > MaxHeight)
        {
            return $"impossible height {height} (must be 1..{MaxHeight})";
        }

        if (!(xDpi >= MinDpi && xDpi <= MaxDpi) || !(yDpi >= MinDpi && yDpi <= MaxDpi))
        {
            return FormattableString.Invariant($"impossible resolution {xDpi:0.##}x{yDpi:0.##} dpi (must be {MinDpi}..{MaxDpi})");
        }

        return null;
    }

    /// <summary>Sets every padding bit at the end of each row to 0.</summary>
    internal void ClearPadding()
    {
        int extra = (Stride * 8) - Width;
        if (extra == 0)
        {
            return;
        }

        byte mask = (byte)(0xFF << extra);
        for (int y = 0; y < Height; y++)
        {
            _bits[(y * Stride) + Stride - 1] &= mask;
        }
    }
}
