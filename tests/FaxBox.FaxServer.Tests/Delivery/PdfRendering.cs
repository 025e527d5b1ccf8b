using System.Diagnostics;
using FaxBox.Fax.Documents;

namespace FaxBox.FaxServer.Tests.Delivery;

/// <summary>Renders a PDF with Ghostscript (-dSAFER, tiffg4) at the fax's own resolution and compares it page by page.</summary>
internal static class PdfRendering
{
    public static void AssertMatchesTiff(string pdf, string tiff, string scratch)
    {
        FaxDocument expected = FaxDocument.Load(tiff);
        FaxPage first = expected.Pages[0];
        string rendered = Path.Combine(scratch, Path.GetFileNameWithoutExtension(pdf) + "-gs.tif");
        var start = new ProcessStartInfo("gs") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (string arg in new[] { "-q", "-dSAFER", "-dBATCH", "-dNOPAUSE", "-sDEVICE=tiffg4", $"-r{first.XDpi:0}x{first.YDpi:0}", $"-sOutputFile={rendered}", pdf })
        {
            start.ArgumentList.Add(arg);
        }

        using (var process = Process.Start(start) ?? throw new InvalidOperationException("gs did not start"))
        {
            string error = process.StandardError.ReadToEnd();
            process.WaitForExit();
            Assert.True(process.ExitCode == 0, $"gs failed: {error}");
        }

        FaxDocument actual = FaxDocument.Load(rendered);
        Assert.Equal(expected.Pages.Count, actual.Pages.Count);
        var cropped = new List<FaxPage>();
        for (int i = 0; i < expected.Pages.Count; i++)
        {
            FaxPage e = expected.Pages[i];
            FaxPage a = actual.Pages[i];

            // Ghostscript rounds the page size (points) up to whole pixels: at most one extra row or column.
            Assert.InRange(a.Width, e.Width, e.Width + 1);
            Assert.InRange(a.Height, e.Height, e.Height + 1);
            var page = new FaxPage(e.Width, e.Height, e.XDpi, e.YDpi);
            for (int y = 0; y < e.Height; y++)
            {
                for (int x = 0; x < e.Width; x++)
                {
                    if (a.GetPixel(x, y))
                    {
                        page.SetPixel(x, y, true);
                    }
                }
            }

            cropped.Add(page);
        }

        PixelComparison comparison = FaxDocumentComparer.Compare(expected, new FaxDocument(cropped));
        Assert.True(comparison.Identical, comparison.ToString());
    }
}
