using FaxBox.Testing;
using System.Text;
using BitMiracle.LibTiff.Classic;
using FaxBox.Fax.Documents;

namespace FaxBox.Fax.Tests.Documents;

/// <summary>
/// Renders the exported PDF with poppler's pdftoppm and compares the pixels with the TIFF decoded by LibTiff,
/// requiring zero differing pixels. Rendering at exactly the TIFF's resolution is not exact: Splash smooths
/// (interpolates) images drawn at less than 400 % scale, which moves a few run edges by one pixel (about 3000
/// pixels on the sample page, with -rx 204 -ry 196 and also with -scale-to-x/-y). So each page is rendered at
/// 4 × the TIFF's resolution, where Splash scales by pixel replication, and the centre of every 4 × 4 block is
/// compared with the TIFF pixel.
/// </summary>
public sealed class FaxPdfExporterTests
{
    [Theory]
    [InlineData(FaxCompression.T4OneDimensional, FaxResolution.Standard)]
    [InlineData(FaxCompression.T4TwoDimensional, FaxResolution.Fine)]
    [InlineData(FaxCompression.T6, FaxResolution.Standard)]
    [InlineData(FaxCompression.T6, FaxResolution.Superfine)]
    public void Test_page_pdf_renders_to_the_same_pixels(FaxCompression compression, FaxResolution resolution)
    {
        using var dir = new TempFolder();
        int pages = resolution == FaxResolution.Superfine ? 1 : 2; // keep the 4x render small
        TestPageGenerator.Write(dir.File("tp.tif"), new TestPageOptions { Pages = pages, Resolution = resolution, Compression = compression });

        var result = FaxPdfExporter.Export(dir.File("tp.tif"), dir.File("tp.pdf"));

        Assert.Equal(pages, result.PagesEmbeddedAsIs);
        AssertPdfMatchesTiff(dir, dir.File("tp.tif"), dir.File("tp.pdf"));
        string pdf = Encoding.Latin1.GetString(File.ReadAllBytes(dir.File("tp.pdf")));
        Assert.Contains("/Filter /CCITTFaxDecode", pdf, StringComparison.Ordinal);
        Assert.Contains(compression == FaxCompression.T6 ? "/K -1" : compression == FaxCompression.T4OneDimensional ? "/K 0 " : "/K 4", pdf, StringComparison.Ordinal);
    }

    [Fact]
    public void Real_sample_embeds_its_strips_and_renders_the_same()
    {
        using var dir = new TempFolder();

        var result = FaxPdfExporter.Export(TestFiles.SampleG3, dir.File("s.pdf"));

        Assert.Equal((2, 2), (result.Pages, result.PagesEmbeddedAsIs));
        byte[] pdf = File.ReadAllBytes(dir.File("s.pdf"));
        byte[] strip = FaxNormalizerTests.RawStrip(TestFiles.SampleG3, 1);
        Assert.True(pdf.AsSpan().IndexOf(strip) > 0, "page 2 strip embedded byte for byte");
        var info = Tool.Run("pdfinfo", dir.File("s.pdf"));
        Assert.Contains("Page size:       609.882 x 808.163 pts", info.Output, StringComparison.Ordinal);
        AssertPdfMatchesTiff(dir, TestFiles.SampleG3, dir.File("s.pdf"));
    }

    [Fact]
    public void Lsb2Msb_multi_strip_g3_is_bit_reversed_and_concatenated()
    {
        using var dir = new TempFolder();
        var page = Pattern.Page(1728, 300, 204, 196, 9);
        new TiffBuilder { Compression = Compression.CCITTFAX3, Group3Options = Group3Opt.ENCODING2D | Group3Opt.FILLBITS, FillOrder = FillOrder.LSB2MSB, RowsPerStrip = 64 }
            .Write(dir.File("in.tif"), page);

        var result = FaxPdfExporter.Export(dir.File("in.tif"), dir.File("out.pdf"));

        Assert.Equal(1, result.PagesEmbeddedAsIs);
        AssertPdfMatchesTiff(dir, dir.File("in.tif"), dir.File("out.pdf"));
    }

    [Fact]
    public void MinIsBlack_and_multi_strip_g4_are_reencoded_and_render_the_same()
    {
        using var dir = new TempFolder();
        var page = Pattern.Page(1728, 200, 204, 98, 10);
        new TiffBuilder { Compression = Compression.CCITTFAX4, RowsPerStrip = 50 }.Write(dir.File("g4.tif"), page);
        new TiffBuilder { Compression = Compression.LZW, Photometric = Photometric.MINISBLACK }.Write(dir.File("mib.tif"), page);

        Assert.Equal(0, FaxPdfExporter.Export(dir.File("g4.tif"), dir.File("g4.pdf")).PagesEmbeddedAsIs);
        Assert.Equal(0, FaxPdfExporter.Export(dir.File("mib.tif"), dir.File("mib.pdf")).PagesEmbeddedAsIs);

        AssertPdfMatchesTiff(dir, dir.File("g4.tif"), dir.File("g4.pdf"));
        AssertPdfMatchesTiff(dir, dir.File("mib.tif"), dir.File("mib.pdf"));
    }

    private static void AssertPdfMatchesTiff(TempFolder dir, string tiff, string pdf)
    {
        const int factor = 4;
        var doc = FaxDocument.Load(tiff);
        for (int i = 0; i < doc.Pages.Count; i++)
        {
            var page = doc.Pages[i];
            string prefix = Path.Combine(dir.Path, $"render{i}");
            var run = Tool.Run("pdftoppm", "-mono", "-f", $"{i + 1}", "-l", $"{i + 1}", "-singlefile",
                "-rx", $"{page.XDpi * factor}", "-ry", $"{page.YDpi * factor}", pdf, prefix);
            Assert.True(run.ExitCode == 0, run.Error);
            Assert.Equal(string.Empty, run.Error.Trim());
            var (w, h, bits) = PbmReader.Read(prefix + ".pbm");
            File.Delete(prefix + ".pbm");
            Assert.InRange(w, page.Width * factor, (page.Width * factor) + 1); // pdftoppm rounds the page size up
            Assert.InRange(h, page.Height * factor, (page.Height * factor) + 1);
            int stride = (w + 7) / 8;
            long diff = 0;
            for (int y = 0; y < page.Height; y++)
            {
                int ry = (y * factor) + (factor / 2);
                for (int x = 0; x < page.Width; x++)
                {
                    int rx = (x * factor) + (factor / 2);
                    bool rendered = (bits[(ry * stride) + (rx >> 3)] & (0x80 >> (rx & 7))) != 0;
                    if (rendered != page.GetPixel(x, y))
                    {
                        diff++;
                    }
                }
            }

            Assert.True(diff == 0, $"page {i + 1}: {diff} pixels differ");
        }
    }
}
