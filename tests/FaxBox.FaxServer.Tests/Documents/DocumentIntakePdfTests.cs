using FaxBox.Fax.Documents;
using FaxBox.FaxServer.Documents;

namespace FaxBox.FaxServer.Tests.Documents;

/// <summary>PDFs from several producers through the real Ghostscript: page counts, page geometry and pixels where expected.</summary>
public sealed class DocumentIntakePdfTests : IDisposable
{
    /// <summary>Centring offset of an A4 page (595 pt) on the 1728-pixel fax width (609.88 pt).</summary>
    private const double A4Offset = (1728 * 72.0 / 204 - 595) / 2;

    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    private async Task<(DocumentIntakeResult Result, FaxDocument Document)> ConvertAsync(string path, DocumentIntakeOptions? options = null)
    {
        var intake = new DocumentIntake(options ?? new DocumentIntakeOptions());
        string output = _temp.File($"out-{Guid.NewGuid():N}.tif");
        DocumentIntakeResult result = await intake.ConvertAsync([new DocumentSource(path)], output);
        FaxDocumentInfo info = FaxDocument.Inspect(output);
        Assert.All(info.Pages, p => Assert.True(p.IsSendable, string.Join("; ", p.Reasons)));
        return (result, FaxDocument.Load(output));
    }

    [Fact]
    public async Task Ghostscript_pdfwrite_with_fonts_and_image_becomes_fine_A4_pages_with_the_box_in_place()
    {
        string pdf = DocumentFixtures.GhostscriptPdf(_temp.Path, DocumentFixtures.A4PageProgram(pages: 2));

        var (result, doc) = await ConvertAsync(pdf);

        Assert.Equal(2, result.Pages);
        Assert.Equal(DocumentType.Pdf, Assert.Single(result.Files).Type);
        Assert.Equal(2, doc.Pages.Count);
        foreach (FaxPage page in doc.Pages)
        {
            Assert.Equal(1728, page.Width);
            Assert.Equal(FaxResolution.Fine, page.Resolution);
            Assert.Equal(2292, page.Height); // 297 mm at 196 lines per inch
            DocumentFixtures.AssertBox(page, A4Offset + 100, 142, 150, 100);
        }

        // Text was rendered (three lines of glyphs between 300 and 440 pt from the top), and the image's black rows too.
        double text = DocumentFixtures.BlackShare(doc.Pages[0], (int)((A4Offset + 100) * 204 / 72), 300 * 196 / 72, 900, 140 * 196 / 72);
        Assert.InRange(text, 0.03, 0.5);
        // The page-number bar at the bottom is 5 pt per page wide: page 2's is twice page 1's.
        double bar1 = DocumentFixtures.BlackShare(doc.Pages[0], (int)((A4Offset + 50) * 204 / 72), (842 - 45) * 196 / 72, 40 * 204 / 72, 10);
        double bar2 = DocumentFixtures.BlackShare(doc.Pages[1], (int)((A4Offset + 50) * 204 / 72), (842 - 45) * 196 / 72, 40 * 204 / 72, 10);
        Assert.InRange(bar2 / bar1, 1.8, 2.2);
    }

    [Fact]
    public async Task Standard_resolution_gives_98_lines_per_inch()
    {
        string pdf = DocumentFixtures.GhostscriptPdf(_temp.Path, DocumentFixtures.A4PageProgram());

        var (_, doc) = await ConvertAsync(pdf, new DocumentIntakeOptions { Resolution = FaxResolution.Standard });

        FaxPage page = Assert.Single(doc.Pages);
        Assert.Equal(FaxResolution.Standard, page.Resolution);
        Assert.Equal(1146, page.Height);
        DocumentFixtures.AssertBox(page, A4Offset + 100, 142, 150, 100);
    }

    [Fact]
    public async Task FaxBox_own_PdfExporter_output_comes_back_with_the_same_pixels()
    {
        string tiff = _temp.File("test.tif");
        TestPageGenerator.Write(tiff, new TestPageOptions { Pages = 2 });
        string pdf = _temp.File("faxbox.pdf");
        FaxPdfExporter.Export(tiff, pdf);

        var (result, doc) = await ConvertAsync(pdf);

        Assert.Equal(2, result.Pages);
        FaxDocument original = FaxDocument.Load(tiff);
        for (int i = 0; i < 2; i++)
        {
            FaxPage a = original.Pages[i], b = doc.Pages[i];
            Assert.Equal(a.Width, b.Width);

            // The 2286-row page is centred on the 2292-row A4 medium: 3 rows down.
            int shift = (b.Height - a.Height) / 2;
            long diff = 0;
            for (int y = 0; y < a.Height; y++)
            {
                for (int x = 0; x < a.Width; x++)
                {
                    diff += a.GetPixel(x, y) != b.GetPixel(x, y + shift) ? 1 : 0;
                }
            }

            Assert.True(diff < a.CountBlackPixels() / 50, $"page {i + 1}: {diff} pixels differ of {a.CountBlackPixels()} black");
        }
    }

    [Fact]
    public async Task Hand_written_minimal_PDF_on_Letter_is_fitted_to_A4_width()
    {
        string pdf = DocumentFixtures.MinimalPdf(_temp.Path);

        var (_, doc) = await ConvertAsync(pdf);

        FaxPage page = Assert.Single(doc.Pages);
        double s = Math.Min(1728 * 72.0 / 204 / 612, 297 / 25.4 * 72 / 792); // Letter scaled to the fax width
        double top = ((297 / 25.4 * 72) - (792 * s)) / 2; // and centred on the A4 length
        DocumentFixtures.AssertBox(page, 100 * s, top + (192 * s), 200 * s, 100 * s);
    }

    [Fact]
    public async Task Letter_paper_gives_11_inch_pages()
    {
        string pdf = DocumentFixtures.MinimalPdf(_temp.Path);

        var (_, doc) = await ConvertAsync(pdf, new DocumentIntakeOptions { PaperSize = PaperSize.Letter });

        FaxPage page = Assert.Single(doc.Pages);
        Assert.Equal(11 * 196, page.Height);
        double s = 1728 * 72.0 / 204 / 612;
        double top = (792 - (792 * s)) / 2;
        DocumentFixtures.AssertBox(page, 100 * s, top + (192 * s), 200 * s, 100 * s);
    }

    [Fact]
    public async Task ReportLab_PDF_with_three_pages()
    {
        DocumentFixtures.ReportLab(_temp.Path, """
            from reportlab.pdfgen import canvas
            from reportlab.lib.pagesizes import A4
            c = canvas.Canvas("reportlab.pdf", pagesize=A4)
            for n in range(1, 4):
                c.setFillColorRGB(0, 0, 0)
                c.rect(100, 600, 150, 100, stroke=0, fill=1)
                c.setFont("Helvetica-Bold", 20)
                c.drawString(100, 500, "ReportLab page %d" % n)
                c.showPage()
            c.save()
            """);

        var (result, doc) = await ConvertAsync(_temp.File("reportlab.pdf"));

        Assert.Equal(3, result.Pages);
        double offset = (1728 * 72.0 / 204 - 595.2756) / 2;
        double topA4 = 841.8898 - 700;
        foreach (FaxPage page in doc.Pages)
        {
            DocumentFixtures.AssertBox(page, offset + 100, topA4, 150, 100);
        }
    }

    [Fact]
    public async Task Fifty_page_PDF_keeps_every_page_in_order()
    {
        string pdf = DocumentFixtures.GhostscriptPdf(_temp.Path, DocumentFixtures.A4PageProgram(pages: 50));

        var (result, doc) = await ConvertAsync(pdf);

        Assert.Equal(50, result.Pages);
        Assert.Equal(50, doc.Pages.Count);
        int y = (842 - 45) * 196 / 72, x = (int)((A4Offset + 50) * 204 / 72);
        double bar1 = DocumentFixtures.BlackShare(doc.Pages[0], x, y, 260 * 204 / 72, 10);
        double bar50 = DocumentFixtures.BlackShare(doc.Pages[49], x, y, 260 * 204 / 72, 10);
        Assert.InRange(bar50 / bar1, 40, 55); // 250 pt against 5 pt: page 50 really is the 50th page
    }

    [Fact]
    public async Task Landscape_page_is_turned_to_fill_the_portrait_fax_page()
    {
        string pdf = DocumentFixtures.GhostscriptPdf(_temp.Path, """
            %!PS
            << /PageSize [842 595] >> setpagedevice
            0 setgray 0 0 100 50 rectfill
            showpage

            """);

        var (_, doc) = await ConvertAsync(pdf);

        FaxPage page = Assert.Single(doc.Pages);
        Assert.Equal(1728, page.Width);
        Assert.Equal(2292, page.Height);
        // A quarter turn anticlockwise: the landscape page's bottom-left box lands in the portrait page's bottom-right
        // corner, 50 pt wide and 100 pt tall.
        double widthPt = 1728 * 72.0 / 204;
        double offset = (widthPt - 595) / 2;
        DocumentFixtures.AssertBox(page, widthPt - offset - 50, (297 / 25.4 * 72) - 100 - 0.06, 50, 100);
    }

    [Fact]
    public async Task Owner_password_only_PDF_opens_without_a_password_and_is_accepted()
    {
        DocumentFixtures.ReportLab(_temp.Path, """
            from reportlab.pdfgen import canvas
            from reportlab.lib import pdfencrypt
            c = canvas.Canvas("owner.pdf", encrypt=pdfencrypt.StandardEncryption("", ownerPassword="owner", canPrint=1))
            c.rect(100, 600, 150, 100, stroke=0, fill=1)
            c.showPage()
            c.save()
            """);

        var (result, _) = await ConvertAsync(_temp.File("owner.pdf"));

        Assert.Equal(1, result.Pages);
    }
}
