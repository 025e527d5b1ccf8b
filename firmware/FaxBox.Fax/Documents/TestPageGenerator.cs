using System.Globalization;

namespace FaxBox.Fax.Documents;

/// <summary>
/// Draws fax test pages: a header line (date, station ident, "Page n/N"), a border, a title, text in the built-in
/// 5 × 7 font (including one-pixel text), line-width samples, a resolution chart of bars with 2/4/6/8-pixel
/// periods, a square and a circle (to check aspect ratio), a dithered grey ramp and grey steps, and a footer.
/// Positions are in millimetres, so the layout is the same at every resolution. Output is deterministic: the
/// same options give the same pixels and the same file bytes.
/// </summary>
public static class TestPageGenerator
{
    /// <summary>Draws the pages in memory.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    public static FaxDocument Generate(TestPageOptions? options = null)
    {
        options ??= new TestPageOptions();
        Validate(options);
        var pages = new List<FaxPage>(options.Pages);
        for (int n = 1; n <= options.Pages; n++)
        {
            pages.Add(DrawPage(options, n));
        }

        return new FaxDocument(pages);
    }

    /// <summary>Draws the pages and writes them as TIFF Class F (atomically) with <see cref="TestPageOptions.Compression"/>.</summary>
    /// <exception cref="FaxDocumentException">The file cannot be written.</exception>
    public static void Write(string path, TestPageOptions? options = null)
    {
        options ??= new TestPageOptions();
        Generate(options).Save(path, options.Compression);
    }

    private static void Validate(TestPageOptions o)
    {
        if (o.Pages is < 1 or > 999)
        {
            throw new ArgumentOutOfRangeException(nameof(o), "Pages must be 1..999");
        }

        if (!Enum.IsDefined(o.Resolution))
        {
            throw new ArgumentOutOfRangeException(nameof(o), "unknown resolution");
        }

        if (o.StationIdent is null || o.StationIdent.Length > 20)
        {
            throw new ArgumentOutOfRangeException(nameof(o), "StationIdent must be at most 20 characters");
        }

        if (o.Width is { } w && w is < 256 or > FaxPage.MaxWidth)
        {
            throw new ArgumentOutOfRangeException(nameof(o), "Width must be 256.." + FaxPage.MaxWidth);
        }

        if (o.Height is { } h && h is < 64 or > FaxPage.MaxHeight)
        {
            throw new ArgumentOutOfRangeException(nameof(o), "Height must be 64.." + FaxPage.MaxHeight);
        }
    }

    private static FaxPage DrawPage(TestPageOptions o, int number)
    {
        var r = o.Resolution;
        var page = new FaxPage(o.Width ?? r.T4Widths()[0], o.Height ?? r.A4Rows(), r);
        var c = new Canvas(page);
        double pageWidthMm = page.Width * 25.4 / page.XDpi;
        string of = $"{number}/{o.Pages}";

        // Header line, as a fax machine prints it (T.30 TSI-style ident).
        string date = o.Timestamp.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
        c.Text(4, 2, 0.3, $"{date}  {o.StationIdent}");
        string pageText = $"PAGE {of}";
        c.Text(pageWidthMm - 4 - c.TextWidthMm(pageText, 0.3), 2, 0.3, pageText);
        c.Rect(4, 5.2, pageWidthMm - 8, 0.15);

        // Border.
        c.Frame(8, 10, pageWidthMm - 16, 277, 0.5);

        // Title.
        const string title = "FAXBOX TEST PAGE";
        c.Text((pageWidthMm - c.TextWidthMm(title, 1.2)) / 2, 15, 1.2, title);

        // Text block.
        string[] lines =
        [
            $"STATION: {o.StationIdent}",
            $"PAGE {number} OF {o.Pages}   DATE: {date}",
            string.Create(CultureInfo.InvariantCulture, $"RESOLUTION: {r.ToString().ToUpperInvariant()} {page.XDpi:0} X {page.YDpi:0} DPI"),
            $"IMAGE: {page.Width} X {page.Height} PIXELS",
            "THE QUICK BROWN FOX JUMPS OVER THE LAZY DOG",
            "0123456789 !?#%&*()+-=/:;.,'\"<>@[]_",
        ];
        for (int i = 0; i < lines.Length; i++)
        {
            c.Text(15, 30 + (i * 5), 0.45, lines[i]);
        }

        BitmapFont.Draw(page, c.X(15), c.Y(61), "SMALLEST TEXT: ONE PIXEL PER FONT DOT - " + of, 1, 1);

        // Line widths: horizontal lines 1..8 rows, vertical lines 1..8 columns.
        int[] widths = [1, 2, 3, 4, 6, 8];
        for (int i = 0; i < widths.Length; i++)
        {
            page.FillRectangle(c.X(15), c.Y(68 + (i * 4)), c.X(60), widths[i]);
            page.FillRectangle(c.X(100 + (i * 6)), c.Y(68), widths[i], c.Y(22));
        }

        // Resolution chart: vertical bars (horizontal resolution), then horizontal bars (vertical resolution).
        int[] periods = [2, 4, 6, 8];
        for (int i = 0; i < periods.Length; i++)
        {
            int x0 = c.X(15 + (i * 45)), y0 = c.Y(97), w = c.X(40), h = c.Y(15);
            for (int x = 0; x < w; x += periods[i])
            {
                page.FillRectangle(x0 + x, y0, periods[i] / 2, h);
            }

            int y1 = c.Y(116);
            for (int y = 0; y < h; y += periods[i])
            {
                page.FillRectangle(x0, y1 + y, w, periods[i] / 2);
            }

            c.Text(15 + (i * 45), 133, 0.35, $"{periods[i] / 2} PX BARS");
        }

        // A 40 mm square and a 40 mm circle: both must look right in a correct-aspect rendering.
        c.Frame(20, 145, 40, 40, 0.5);
        c.Ring(120, 165, 20, 0.5);

        // Dithered ramp (ordered dither, 8 × 8 Bayer matrix) and five grey steps.
        c.Halftone(15, 195, pageWidthMm - 30, 25, step: false);
        c.Halftone(15, 223, pageWidthMm - 30, 12, step: true);
        c.Text(15, 238, 0.35, "HALFTONE: 0 TO 100 PERCENT, THEN 0 25 50 75 100 PERCENT");

        // Footer.
        string footer = $"END OF PAGE {of}";
        c.Text((pageWidthMm - c.TextWidthMm(footer, 0.6)) / 2, 275, 0.6, footer);
        return page;
    }

    /// <summary>Millimetre-based drawing helpers on one page.</summary>
    private sealed class Canvas(FaxPage page)
    {
        public int X(double mm) => (int)Math.Round(mm * page.XDpi / 25.4);

        public int Y(double mm) => (int)Math.Round(mm * page.YDpi / 25.4);

        public void Rect(double x, double y, double w, double h) =>
            page.FillRectangle(X(x), Y(y), Math.Max(1, X(w)), Math.Max(1, Y(h)));

        public void Frame(double x, double y, double w, double h, double t)
        {
            Rect(x, y, w, t);
            Rect(x, y + h - t, w, t);
            Rect(x, y, t, h);
            Rect(x + w - t, y, t, h);
        }

        public double TextWidthMm(string text, double dotMm) =>
            BitmapFont.Measure(text, ScaleX(dotMm)) * 25.4 / page.XDpi;

        public void Text(double x, double y, double dotMm, string text) =>
            BitmapFont.Draw(page, X(x), Y(y), text, ScaleX(dotMm), Math.Max(1, Y(dotMm)));

        public void Ring(double cxMm, double cyMm, double radiusMm, double thicknessMm)
        {
            double inner = radiusMm - thicknessMm;
            for (int py = Y(cyMm - radiusMm); py <= Y(cyMm + radiusMm); py++)
            {
                double dy = ((py + 0.5) * 25.4 / page.YDpi) - cyMm;
                if (Math.Abs(dy) > radiusMm || py < 0 || py >= page.Height)
                {
                    continue;
                }

                double outerHalf = Math.Sqrt((radiusMm * radiusMm) - (dy * dy));
                double innerHalf = Math.Abs(dy) < inner ? Math.Sqrt((inner * inner) - (dy * dy)) : 0;
                int l0 = X(cxMm - outerHalf), l1 = X(cxMm - innerHalf);
                int r0 = X(cxMm + innerHalf), r1 = X(cxMm + outerHalf);
                page.FillRectangle(l0, py, Math.Max(1, l1 - l0), 1);
                page.FillRectangle(r0, py, Math.Max(1, r1 - r0), 1);
            }
        }

        public void Halftone(double xMm, double yMm, double wMm, double hMm, bool step)
        {
            int x0 = X(xMm), y0 = Y(yMm), w = X(wMm), h = Y(hMm);
            for (int y = Math.Max(0, y0); y < Math.Min(page.Height, y0 + h); y++)
            {
                for (int x = Math.Max(0, x0); x < Math.Min(page.Width, x0 + w); x++)
                {
                    double level = (double)(x - x0) / Math.Max(1, w - 1);
                    if (step)
                    {
                        level = Math.Min(4, Math.Floor(level * 5)) / 4;
                    }

                    if (Bayer(x, y) < level * 64)
                    {
                        page.SetPixel(x, y, true);
                    }
                }
            }

            Frame(xMm, yMm, wMm, hMm, 0.15);
        }

        private int ScaleX(double dotMm) => Math.Max(1, X(dotMm));

        /// <summary>8 × 8 ordered-dither threshold 0…63 (bit-reversed interleave of x⊕y and y).</summary>
        private static int Bayer(int x, int y)
        {
            int xc = (x ^ y) & 7, yc = y & 7, v = 0;
            for (int bit = 0; bit < 3; bit++)
            {
                v = (v << 1) | ((xc >> bit) & 1);
                v = (v << 1) | ((yc >> bit) & 1);
            }

            return v;
        }
    }
}
