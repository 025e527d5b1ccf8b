using System.Globalization;
using System.Text;
using FaxBox.Fax.Documents;

namespace FaxBox.FaxServer.Documents;

/// <summary>
/// PDF to bilevel TIFF with Ghostscript's <c>tiffg4</c> device at 204 × 196 or 204 × 98 dpi on a fixed medium
/// 1728 pixels wide and A4 or Letter long; <c>-dPDFFitPage</c> scales every page to fit it (and turns landscape pages
/// a quarter turn), <c>-dUseCropBox</c> renders what a viewer shows. At most one page more than allowed is rendered,
/// so a 10 000-page PDF costs no more than a (limit + 1)-page one.
/// </summary>
internal static class PdfRasterizer
{
    /// <summary>The fax page width in PostScript points: 1728 pixels at 204 dpi.</summary>
    public const double WidthPoints = PictureRasterizer.PageWidth * 72.0 / PictureRasterizer.XDpi;

    /// <summary>Renders up to <paramref name="maxPages"/> + 1 pages of <paramref name="pdfPath"/> into <paramref name="tiffPath"/>.</summary>
    /// <returns>Pages rendered (more than <paramref name="maxPages"/> means the PDF has too many).</returns>
    /// <exception cref="DocumentRejectedException">The PDF is truncated, password-protected, damaged or too slow to render.</exception>
    public static async Task<int> RasterizeAsync(
        Ghostscript gs, string pdfPath, string name, string tiffPath, int maxPages, PaperSize paper, FaxResolution resolution, CancellationToken cancellationToken)
    {
        byte[] tail = ReadTail(pdfPath, 1024);
        if (tail.AsSpan().IndexOf("%%EOF"u8) < 0)
        {
            throw new DocumentRejectedException(name, "is an incomplete PDF (it ends before its end-of-file marker: was the upload or download cut short?)");
        }

        double heightPoints = paper == PaperSize.Letter ? 792 : 297 / 25.4 * 72;
        string[] args =
        [
            "-sDEVICE=tiffg4",
            string.Create(CultureInfo.InvariantCulture, $"-r{PictureRasterizer.XDpi:0}x{resolution.YDpi():0}"),
            string.Create(CultureInfo.InvariantCulture, $"-dDEVICEWIDTHPOINTS={WidthPoints:0.###}"),
            string.Create(CultureInfo.InvariantCulture, $"-dDEVICEHEIGHTPOINTS={heightPoints:0.###}"),
            "-dFIXEDMEDIA",
            "-dPDFFitPage",
            "-dUseCropBox",
            "-dFirstPage=1",
            string.Create(CultureInfo.InvariantCulture, $"-dLastPage={maxPages + 1}"),
            "-sOutputFile=" + tiffPath.Replace("%", "%%", StringComparison.Ordinal),
            Path.GetFullPath(pdfPath),
        ];
        (int exitCode, string errors) result;
        try
        {
            result = await gs.RunAsync(args, cancellationToken).ConfigureAwait(false);
        }
        catch (GhostscriptException ex) when (ex.TimedOut)
        {
            throw new DocumentRejectedException(name, $"could not be converted within {gs.TimeLimit.TotalSeconds:0.###} s (it is too complex for the box; simplify it or print it to a new PDF)", ex);
        }

        int pages = File.Exists(tiffPath) && new FileInfo(tiffPath).Length > 0 ? CountPages(tiffPath) : 0;
        if (pages > 0)
        {
            return pages;
        }

        if (result.errors.Contains("password", StringComparison.OrdinalIgnoreCase) || ContainsEncrypt(pdfPath))
        {
            throw new DocumentRejectedException(name, "is password-protected; remove the password (or print it to a new PDF) and submit it again");
        }

        throw new DocumentRejectedException(name, "is a damaged PDF: none of its pages can be read");
    }

    private static int CountPages(string tiffPath)
    {
        try
        {
            return FaxDocument.Inspect(tiffPath).Pages.Count;
        }
        catch (FaxDocumentException)
        {
            return 0;
        }
    }

    private static byte[] ReadTail(string path, int count)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        long start = Math.Max(0, stream.Length - count);
        stream.Position = start;
        byte[] tail = new byte[stream.Length - start];
        stream.ReadExactly(tail);
        return tail;
    }

    /// <summary>True when the trailer names an /Encrypt dictionary (ISO 32000-1 §7.6).</summary>
    private static bool ContainsEncrypt(string path)
    {
        byte[] bytes = File.ReadAllBytes(path);
        return bytes.AsSpan().IndexOf(Encoding.ASCII.GetBytes("/Encrypt")) >= 0;
    }
}
