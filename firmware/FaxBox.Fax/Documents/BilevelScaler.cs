namespace FaxBox.Fax.Documents;

/// <summary>
/// Area-coverage resampling of bilevel pages. Each destination pixel covers a box of the source; it is black
/// when the black share of that box reaches 0.5 × the smaller scale factor (capped at 1). Plain 50 % would drop
/// a one-pixel line that falls across two destination pixels when reducing; this threshold keeps it.
/// </summary>
internal static class BilevelScaler
{
    /// <summary>Scales <paramref name="source"/> to <paramref name="width"/> × <paramref name="height"/>.</summary>
    public static FaxPage Scale(FaxPage source, int width, int height, double xDpi, double yDpi)
    {
        var result = new FaxPage(width, height, xDpi, yDpi);
        double sx = (double)width / source.Width, sy = (double)height / source.Height;
        double threshold = 0.5 * Math.Min(1.0, Math.Min(sx, sy));
        Coverage(source, width, height, (j, coverage) =>
        {
            for (int i = 0; i < width; i++)
            {
                if (coverage[i] > 0 && coverage[i] >= threshold - 1e-9)
                {
                    result.SetPixel(i, j, true);
                }
            }
        });
        return result;
    }

    /// <summary>
    /// For each destination row, reports the black share (0…1) of the source box behind each destination pixel.
    /// </summary>
    public static void Coverage(FaxPage source, int width, int height, Action<int, double[]> row)
    {
        var xs = Contributions(source.Width, width);
        var ys = Contributions(source.Height, height);
        double boxArea = ((double)source.Width / width) * ((double)source.Height / height);
        double[] acc = new double[width];
        byte[] unpacked = new byte[source.Width];
        for (int j = 0; j < height; j++)
        {
            Array.Clear(acc);
            foreach ((int sourceRow, double wy) in ys[j])
            {
                Unpack(source.GetRow(sourceRow), unpacked);
                for (int i = 0; i < width; i++)
                {
                    double sum = 0;
                    foreach ((int col, double wx) in xs[i])
                    {
                        sum += unpacked[col] * wx;
                    }

                    acc[i] += sum * wy;
                }
            }

            for (int i = 0; i < width; i++)
            {
                acc[i] /= boxArea;
            }

            row(j, acc);
        }
    }

    /// <summary>Copies <paramref name="source"/> into a wider page, centred horizontally.</summary>
    public static FaxPage PadCentred(FaxPage source, int width, double xDpi, double yDpi)
    {
        var result = new FaxPage(width, source.Height, xDpi, yDpi);
        int offset = (width - source.Width) / 2;
        for (int y = 0; y < source.Height; y++)
        {
            for (int x = 0; x < source.Width; x++)
            {
                if (source.GetPixel(x, y))
                {
                    result.SetPixel(x + offset, y, true);
                }
            }
        }

        return result;
    }

    private static void Unpack(ReadOnlySpan<byte> row, byte[] pixels)
    {
        for (int x = 0; x < pixels.Length; x++)
        {
            pixels[x] = (byte)((row[x >> 3] >> (7 - (x & 7))) & 1);
        }
    }

    /// <summary>For each destination index, the source indices it overlaps and the overlap lengths.</summary>
    private static (int Index, double Weight)[][] Contributions(int sourceLength, int destLength)
    {
        var result = new (int, double)[destLength][];
        double scale = (double)sourceLength / destLength;
        for (int i = 0; i < destLength; i++)
        {
            double start = i * scale, end = (i + 1) * scale;
            var list = new List<(int, double)>();
            for (int s = (int)Math.Floor(start); s < Math.Min(sourceLength, (int)Math.Ceiling(end)); s++)
            {
                double w = Math.Min(end, s + 1) - Math.Max(start, s);
                if (w > 1e-12)
                {
                    list.Add((s, w));
                }
            }

            result[i] = [.. list];
        }

        return result;
    }
}
