using FaxBox.Fax.Documents;
using FaxBox.FaxServer.Documents;

namespace FaxBox.FaxServer.Tests.Documents;

/// <summary>PNG, JPEG and greyscale/colour TIFF pictures (written by Ghostscript's devices and a test encoder) become fax pages.</summary>
public sealed class DocumentIntakeImageTests : IDisposable
{
    private const double A4Offset = (1728 * 72.0 / 204 - 595) / 2;

    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    private async Task<(DocumentIntakeResult Result, FaxDocument Document)> ConvertAsync(DocumentSource[] files, DocumentIntakeOptions? options = null)
    {
        var intake = new DocumentIntake(options ?? new DocumentIntakeOptions());
        string output = _temp.File($"out-{Guid.NewGuid():N}.tif");
        DocumentIntakeResult result = await intake.ConvertAsync(files, output);
        Assert.All(FaxDocument.Inspect(output).Pages, p => Assert.True(p.IsSendable, string.Join("; ", p.Reasons)));
        return (result, FaxDocument.Load(output));
    }

    [Theory]
    [InlineData("png16m", "page.png", DocumentType.Png)]
    [InlineData("pnggray", "page.png", DocumentType.Png)]
    [InlineData("pngmono", "page.png", DocumentType.Png)]
    [InlineData("png256", "page.png", DocumentType.Png)]
    [InlineData("pngalpha", "page.png", DocumentType.Png)]
    [InlineData("jpeg", "page.jpg", DocumentType.Jpeg)]
    [InlineData("jpeggray", "page.jpg", DocumentType.Jpeg)]
    [InlineData("tiff24nc", "page.tif", DocumentType.Tiff)]
    [InlineData("tiffgray", "page.tif", DocumentType.Tiff)]
    [InlineData("tifflzw", "page.tif", DocumentType.Tiff)]
    public async Task A4_page_scanned_at_150_dpi_keeps_its_size_and_the_box_its_place(string device, string fileName, DocumentType type)
    {
        string image = _temp.File(fileName);
        DocumentFixtures.Ghostscript(_temp.Path, DocumentFixtures.A4PageProgram(), device, image, "-r150");

        var (result, doc) = await ConvertAsync([new DocumentSource(image)]);

        Assert.Equal(type, Assert.Single(result.Files).Type);
        FaxPage page = Assert.Single(doc.Pages);
        Assert.Equal(1728, page.Width);
        Assert.Equal(FaxResolution.Fine, page.Resolution);
        DocumentFixtures.AssertBox(page, A4Offset + 100, 142, 150, 100);
        // Text stays legible: the text lines carry black glyph pixels, the white gaps between lines stay white.
        double text = DocumentFixtures.BlackShare(page, (int)((A4Offset + 100) * 204 / 72), 321 * 196 / 72, 800, 30);
        double gap = DocumentFixtures.BlackShare(page, (int)((A4Offset + 100) * 204 / 72), 352 * 196 / 72, 800, 16);
        Assert.True(text > 0.05, $"text row {text:P1}");
        Assert.True(gap < 0.01, $"gap between text lines {gap:P1}");
    }

    [Fact]
    public async Task Interlaced_PNG_with_every_row_filter_decodes_exactly()
    {
        // A 400 × 500 picture without density: a black square at 100..199 × 200..299 and grey noise that must not turn black.
        byte[] png = TestPng.Grey(400, 500, (x, y) => x is >= 100 and < 200 && y is >= 200 and < 300 ? (byte)0 : (byte)(200 + ((x * 7 + y * 13) % 50)), interlace: true);
        string path = _temp.File("interlaced.png");
        File.WriteAllBytes(path, png);

        var (_, doc) = await ConvertAsync([new DocumentSource(path)]);

        FaxPage page = Assert.Single(doc.Pages);
        // No density: square pixels, as large as the page allows (here the width limits: 400 px → 1728 pixels).
        double fit = Math.Min(1728 / 204.0 / 400, 2292 / 196.0 / 500);
        double xk = fit * 204, k = fit * 196;
        int left = (1728 - (int)Math.Round(400 * xk)) / 2;
        double inside = DocumentFixtures.BlackShare(page, left + (int)(105 * xk), (int)(205 * k), (int)(90 * xk), (int)(90 * k));
        Assert.True(inside > 0.99, $"square {inside:P1}");
        Assert.True(DocumentFixtures.BlackShare(page, left + (int)(5 * xk), (int)(5 * k), (int)(90 * xk), (int)(180 * k)) < 0.001, "the light grey noise stays white");
        Assert.Equal(100 * 100, CountDecodedBlack(png));
    }

    [Fact]
    public async Task Landscape_picture_is_turned_a_quarter_turn_anticlockwise()
    {
        // 600 × 300 at 100 dpi (6 × 3 inches): a black block in the top-left corner.
        byte[] png = TestPng.Grey(600, 300, (x, y) => x < 100 && y < 50 ? (byte)0 : (byte)255, dpi: 100);
        string path = _temp.File("landscape.png");
        File.WriteAllBytes(path, png);

        var (_, doc) = await ConvertAsync([new DocumentSource(path)]);

        FaxPage page = Assert.Single(doc.Pages);
        // Turned: 3 × 6 inches, the top-left corner goes to the bottom-left: block 0.5 in wide, 1 in tall, ending 6 in down.
        int left = (1728 - 612) / 2;
        double block = DocumentFixtures.BlackShare(page, left + 5, (5 * 196) + 5, 102 - 10, 196 - 10);
        Assert.True(block > 0.98, $"block {block:P1}");
        Assert.True(DocumentFixtures.BlackShare(page, left + 5, 5, 102 - 10, 196 - 10) < 0.01, "the top-left stays white");
    }

    [Fact]
    public async Task Dither_keeps_a_grey_area_grey()
    {
        byte[] png = TestPng.Grey(800, 1000, (_, _) => 128, dpi: 100);
        string path = _temp.File("grey.png");
        File.WriteAllBytes(path, png);

        var (_, dithered) = await ConvertAsync([new DocumentSource(path)], new DocumentIntakeOptions { ImageConversion = ImageConversion.Dither });
        var (_, thresholded) = await ConvertAsync([new DocumentSource(path)]);

        int left = (1728 - 1632) / 2;
        Assert.InRange(DocumentFixtures.BlackShare(dithered.Pages[0], left, 0, 1632, 1960), 0.45, 0.55);
        Assert.True(DocumentFixtures.BlackShare(thresholded.Pages[0], left, 0, 1632, 1960) > 0.99, "128 is below the threshold 160");
    }

    [Fact]
    public async Task Several_files_of_every_type_become_one_document_in_order()
    {
        string pdf = DocumentFixtures.GhostscriptPdf(_temp.Path, DocumentFixtures.A4PageProgram(pages: 2));
        string png = _temp.File("p.png");
        DocumentFixtures.Ghostscript(_temp.Path, DocumentFixtures.A4PageProgram(), "pnggray", png, "-r100");
        string tiff = _temp.File("t.tif");
        TestPageGenerator.Write(tiff, new TestPageOptions { Pages = 3, Resolution = FaxResolution.Standard });
        string jpeg = _temp.File("j.jpg");
        DocumentFixtures.Ghostscript(_temp.Path, DocumentFixtures.A4PageProgram(), "jpeg", jpeg, "-r100");

        var (result, doc) = await ConvertAsync(
            [new DocumentSource(pdf, "offer.pdf"), new DocumentSource(png), new DocumentSource(tiff), new DocumentSource(jpeg)]);

        Assert.Equal(7, result.Pages);
        Assert.Equal([2, 1, 3, 1], result.Files.Select(f => f.Pages));
        Assert.Equal([DocumentType.Pdf, DocumentType.Png, DocumentType.Tiff, DocumentType.Jpeg], result.Files.Select(f => f.Type));
        Assert.Equal("offer.pdf", result.Files[0].Name);
        Assert.Equal(7, doc.Pages.Count);
        Assert.All(doc.Pages, p => Assert.Equal(FaxResolution.Fine, p.Resolution));
        // Pages 4..6 are the test page, standard turned fine: twice the rows, so about twice the black pixels.
        FaxDocument original = FaxDocument.Load(tiff);
        Assert.InRange(doc.Pages[3].CountBlackPixels() / (double)original.Pages[0].CountBlackPixels(), 1.8, 2.2);
    }

    [Fact]
    public async Task A_PDF_named_like_a_PNG_is_still_a_PDF()
    {
        string pdf = DocumentFixtures.MinimalPdf(_temp.Path, "scan.png");

        var (result, _) = await ConvertAsync([new DocumentSource(pdf)]);

        Assert.Equal(DocumentType.Pdf, Assert.Single(result.Files).Type);
    }

    [Fact]
    public async Task Limitation_JPEG_Exif_orientation_is_ignored_and_the_picture_sent_as_stored()
    {
        string jpeg = _temp.File("phone.jpg");
        DocumentFixtures.Ghostscript(_temp.Path, DocumentFixtures.A4PageProgram(), "jpeggray", jpeg, "-r100");
        byte[] stored = File.ReadAllBytes(jpeg);
        // APP1 "Exif": a little-endian TIFF header and one IFD entry, Orientation (0x0112) = 6 ("turn 90° clockwise to view").
        byte[] exif =
        [
            0xFF, 0xE1, 0x00, 0x22, (byte)'E', (byte)'x', (byte)'i', (byte)'f', 0, 0,
            (byte)'I', (byte)'I', 0x2A, 0x00, 0x08, 0x00, 0x00, 0x00,
            0x01, 0x00, 0x12, 0x01, 0x03, 0x00, 0x01, 0x00, 0x00, 0x00, 0x06, 0x00, 0x00, 0x00,
            0x00, 0x00, 0x00, 0x00,
        ];
        File.WriteAllBytes(jpeg, [.. stored[..2], .. exif, .. stored[2..]]);

        var (_, doc) = await ConvertAsync([new DocumentSource(jpeg)]);

        // A viewer would show it turned; FaxBox sends the stored portrait page, box where the stored pixels have it.
        DocumentFixtures.AssertBox(Assert.Single(doc.Pages), A4Offset + 100, 142, 150, 100);
    }

    private static int CountDecodedBlack(byte[] png)
    {
        GreyImage image = PngDecoder.Decode("t.png", png, (_, _) => { });
        return image.Pixels.Count(p => p == 0);
    }
}
