namespace FaxBox.Fax.Documents;

/// <summary>
/// PNG previews of fax pages with a corrected aspect ratio. Fax pixels are not square (standard is 204 × 98 dpi),
/// so rows are repeated or merged until the picture has the proportions of the paper:
/// <list type="bullet">
/// <item>When no reduction is asked for and XDpi/YDpi is within 5 % of a whole number n (standard: 2.08 → 2,
/// fine: 1.04 → 1, 300 × 300: 1), each row is written n times as a sharp 1-bit image (black = 0, white = 1).</item>
/// <item>Otherwise (superfine, a <c>maxWidth</c> below the page width, other ratios) the page is resampled by
/// area averaging to an 8-bit greyscale image whose height is Height × (XDpi/YDpi) × (output width/Width).</item>
/// </list>
/// </summary>
public static class FaxPreview
{
    /// <summary>Writes a PNG preview of <paramref name="page"/> to <paramref name="path"/> (atomically).</summary>
    /// <param name="path">Output file.</param>
    /// <param name="page">The page.</param>
    /// <param name="maxWidth">Largest output width in pixels; default null = the page width.</param>
    /// <exception cref="FaxDocumentException">The file cannot be written.</exception>
    public static void WritePng(string path, FaxPage page, int? maxWidth = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(page);
        ValidateMaxWidth(maxWidth);
        AtomicFile.Write(path, s => WritePng(s, page, maxWidth));
    }

    /// <summary>Writes a PNG preview of <paramref name="page"/> to <paramref name="stream"/>.</summary>
    public static void WritePng(Stream stream, FaxPage page, int? maxWidth = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(page);
        ValidateMaxWidth(maxWidth);
        (int width, int height, int repeat) = PreviewSize(page, maxWidth);
        if (repeat > 0)
        {
            PngWriter.WriteGrey(stream, width, height, 1, RepeatedRows(page, repeat));
        }
        else
        {
            PngWriter.WriteGrey(stream, width, height, 8, GreyRows(page, width, height));
        }
    }

    /// <summary>
    /// The preview size and, for a 1-bit preview, how often each row is repeated (0 means an 8-bit resampled preview).
    /// </summary>
    public static (int Width, int Height, int RowRepeat) PreviewSize(FaxPage page, int? maxWidth = null)
    {
        ArgumentNullException.ThrowIfNull(page);
        int width = Math.Min(page.Width, maxWidth ?? page.Width);
        double ratio = page.XDpi / page.YDpi;
        int n = (int)Math.Round(ratio);
        if (width == page.Width && n >= 1 && Math.Abs(ratio - n) <= n * 0.05)
        {
            return (width, page.Height * n, n);
        }

        double scale = (double)width / page.Width;
        int height = Math.Max(1, (int)Math.Round(page.Height * ratio * scale));
        return (width, height, 0);
    }

    private static void ValidateMaxWidth(int? maxWidth)
    {
        if (maxWidth is < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(maxWidth), "maxWidth must be at least 1");
        }
    }

    private static IEnumerable<byte[]> RepeatedRows(FaxPage page, int repeat)
    {
        byte[] row = new byte[page.Stride];
        for (int y = 0; y < page.Height; y++)
        {
            ReadOnlySpan<byte> src = page.GetRow(y);
            for (int i = 0; i < row.Length; i++)
            {
                row[i] = (byte)~src[i]; // PNG grey: 0 = black
            }

            for (int k = 0; k < repeat; k++)
            {
                yield return row;
            }
        }
    }

    private static List<byte[]> GreyRows(FaxPage page, int width, int height)
    {
        var rows = new List<byte[]>(height);
        BilevelScaler.Coverage(page, width, height, (_, coverage) =>
        {
            byte[] row = new byte[width];
            for (int i = 0; i < width; i++)
            {
                row[i] = (byte)Math.Round(255 * (1 - Math.Clamp(coverage[i], 0, 1)));
            }

            rows.Add(row);
        });
        return rows;
    }
}
