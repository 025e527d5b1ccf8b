using System.Diagnostics;
using System.Globalization;
using System.Text;
using FaxBox.Fax.Documents;

namespace FaxBox.FaxServer.Tests.Documents;

/// <summary>
/// Makes test documents with real producers: Ghostscript (pdfwrite and its image devices), ReportLab (Debian's
/// python3-reportlab), FaxBox's own FaxPdfExporter, and a hand-written PDF 1.4. Also pixel helpers.
/// </summary>
internal static class DocumentFixtures
{
    /// <summary>The A4 test page (595 × 842 pt): a black box at x 100–250 pt, 142–242 pt from the top, text in three fonts, a grey image.</summary>
    public static string A4PageProgram(int pages = 1) => $$"""
        %!PS
        << /PageSize [595 842] >> setpagedevice
        1 1 {{pages}} {
          /n exch def
          0 setgray 100 600 150 100 rectfill
          /Helvetica findfont 24 scalefont setfont 100 500 moveto (Helvetica: The quick brown fox) show
          /Times-Roman findfont 24 scalefont setfont 100 460 moveto (Times: jumps over the lazy dog) show
          /Courier findfont 18 scalefont setfont 100 420 moveto (Courier: 0123456789 page ) show n 10 string cvs show
          gsave 300 150 translate 200 200 scale
          8 8 8 [8 0 0 -8 0 8] {<00204060 80A0C0E0 00204060 80A0C0E0 FFFFFFFF FFFFFFFF 00000000 00000000 00204060 80A0C0E0 00204060 80A0C0E0 FFFFFFFF FFFFFFFF 00000000 00000000>} image
          grestore
          0 setgray 50 30 n 5 mul 20 rectfill
          showpage
        } for

        """;

    /// <summary>Runs gs (with -dSAFER) on a PostScript program to produce a file with <paramref name="device"/>.</summary>
    public static void Ghostscript(string folder, string program, string device, string output, params string[] extra)
    {
        string ps = Path.Combine(folder, $"prog-{Guid.NewGuid():N}.ps");
        File.WriteAllText(ps, program, Encoding.ASCII);
        Run("gs", ["-dSAFER", "-dBATCH", "-dNOPAUSE", "-dQUIET", $"-sDEVICE={device}", .. extra, $"-sOutputFile={output}", ps]);
    }

    /// <summary>A PDF written by Ghostscript's pdfwrite from <paramref name="program"/>.</summary>
    public static string GhostscriptPdf(string folder, string program, string name = "gs.pdf")
    {
        string pdf = Path.Combine(folder, name);
        Ghostscript(folder, program, "pdfwrite", pdf);
        return pdf;
    }

    /// <summary>Runs a ReportLab script (Debian's /usr/bin/python3 with python3-reportlab, installed by tools/test).</summary>
    public static void ReportLab(string folder, string script)
    {
        string py = Path.Combine(folder, $"rl-{Guid.NewGuid():N}.py");
        File.WriteAllText(py, script, Encoding.UTF8);
        Run("/usr/bin/python3", [py], folder);
    }

    /// <summary>
    /// A minimal PDF 1.4 written by hand (ISO 32000-1 §7.5: header, objects, xref with exact offsets, trailer): one
    /// Letter page (612 × 792 pt) with a black rectangle at x 100–300 pt, y 500–600 pt (from the bottom).
    /// </summary>
    public static string MinimalPdf(string folder, string name = "minimal.pdf")
    {
        string content = "0 0 0 rg 100 500 200 100 re f\n";
        string[] objects =
        [
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << >> >>",
            $"<< /Length {content.Length} >>\nstream\n{content}endstream",
        ];
        var sb = new StringBuilder("%PDF-1.4\n");
        var offsets = new List<int>();
        for (int i = 0; i < objects.Length; i++)
        {
            offsets.Add(sb.Length);
            sb.Append(CultureInfo.InvariantCulture, $"{i + 1} 0 obj\n{objects[i]}\nendobj\n");
        }

        int xref = sb.Length;
        sb.Append(CultureInfo.InvariantCulture, $"xref\n0 {objects.Length + 1}\n0000000000 65535 f \n");
        foreach (int o in offsets)
        {
            sb.Append(CultureInfo.InvariantCulture, $"{o:D10} 00000 n \n");
        }

        sb.Append(CultureInfo.InvariantCulture, $"trailer\n<< /Size {objects.Length + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n");
        string path = Path.Combine(folder, name);
        File.WriteAllText(path, sb.ToString(), Encoding.ASCII);
        return path;
    }

    /// <summary>Share of black pixels in a rectangle of the page (clipped).</summary>
    public static double BlackShare(FaxPage page, int x, int y, int width, int height)
    {
        int x0 = Math.Max(0, x), y0 = Math.Max(0, y), x1 = Math.Min(page.Width, x + width), y1 = Math.Min(page.Height, y + height);
        long black = 0, all = 0;
        for (int yy = y0; yy < y1; yy++)
        {
            for (int xx = x0; xx < x1; xx++)
            {
                black += page.GetPixel(xx, yy) ? 1 : 0;
                all++;
            }
        }

        return all == 0 ? 0 : (double)black / all; // outside the page counts as white
    }

    /// <summary>
    /// Asserts a solid black box at the given place in points (from the page's top-left corner, as placed on the fax
    /// page: <paramref name="leftPt"/> already includes any centring offset), black inside and white in a band around it.
    /// </summary>
    public static void AssertBox(FaxPage page, double leftPt, double topPt, double widthPt, double heightPt, double scale = 1)
    {
        double kx = page.XDpi / 72 * scale, ky = page.YDpi / 72 * scale;
        int x = (int)Math.Round(leftPt * kx), y = (int)Math.Round(topPt * ky);
        int w = (int)Math.Round(widthPt * kx), h = (int)Math.Round(heightPt * ky);
        const int m = 4;
        Assert.True(w > 2 * m && h > 2 * m && x >= 0 && y >= 0 && x + w <= page.Width + 1 && y + h <= page.Height + 1, $"box {x},{y} {w}x{h} is not on the page");
        double inside = BlackShare(page, x + m, y + m, w - (2 * m), h - (2 * m));
        Assert.True(inside > 0.98, $"box at {x},{y} {w}x{h}: only {inside:P1} black inside");
        double above = BlackShare(page, x, y - (3 * m), w, 2 * m);
        double left = BlackShare(page, x - (3 * m), y, 2 * m, h);
        double below = BlackShare(page, x, y + h + m, w, 2 * m);
        double right = BlackShare(page, x + w + m, y, 2 * m, h);
        Assert.True(Math.Max(Math.Max(above, below), Math.Max(left, right)) < 0.02,
            $"box at {x},{y} {w}x{h} bleeds: above {above:P1} below {below:P1} left {left:P1} right {right:P1}");
    }

    private static void Run(string exe, string[] args, string? workingDirectory = null)
    {
        var start = new ProcessStartInfo(exe) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        if (workingDirectory is not null)
        {
            start.WorkingDirectory = workingDirectory;
        }

        foreach (string a in args)
        {
            start.ArgumentList.Add(a);
        }

        using var p = Process.Start(start)!;
        Task<string> err = p.StandardError.ReadToEndAsync();
        Task<string> output = p.StandardOutput.ReadToEndAsync();
        Assert.True(p.WaitForExit(60_000), $"{exe} did not finish in 60 s");
        Assert.True(p.ExitCode == 0, $"{exe} {string.Join(' ', args)} failed ({p.ExitCode}): {err.Result}{output.Result}");
    }
}
