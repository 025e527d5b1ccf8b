using FaxBox.Fax.Documents;
using FaxBox.FaxServer.Documents;

namespace FaxBox.FaxServer.Tests.Documents;

/// <summary>Every kind of bad input ends in a DocumentRejectedException that names the file and says why, and writes nothing.</summary>
public sealed class DocumentIntakeRejectionTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    private async Task<DocumentRejectedException> RejectAsync(string path, string displayName, DocumentIntakeOptions? options = null)
    {
        options ??= new DocumentIntakeOptions();
        options.WorkFolder = Directory.CreateDirectory(_temp.File("work")).FullName;
        var intake = new DocumentIntake(options);
        string output = _temp.File("out.tif");
        var ex = await Assert.ThrowsAsync<DocumentRejectedException>(() => intake.ConvertAsync([new DocumentSource(path, displayName)], output));
        Assert.Equal(displayName, ex.FileName);
        Assert.StartsWith(displayName + ": ", ex.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(output), "nothing is written for a rejected job");
        Assert.Empty(Directory.EnumerateFileSystemEntries(options.WorkFolder)); // intermediate files are gone
        return ex;
    }

    [Fact]
    public async Task Password_protected_PDF()
    {
        DocumentFixtures.ReportLab(_temp.Path, """
            from reportlab.pdfgen import canvas
            from reportlab.lib import pdfencrypt
            c = canvas.Canvas("locked.pdf", encrypt=pdfencrypt.StandardEncryption("secret", canPrint=1))
            c.drawString(100, 700, "Confidential salary list")
            c.showPage()
            c.save()
            """);

        var ex = await RejectAsync(_temp.File("locked.pdf"), "salaries.pdf");

        Assert.Contains("is password-protected", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("salary", ex.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Truncated_PDF()
    {
        string pdf = DocumentFixtures.GhostscriptPdf(_temp.Path, DocumentFixtures.A4PageProgram(pages: 3));
        byte[] bytes = File.ReadAllBytes(pdf);
        File.WriteAllBytes(pdf, bytes[..(bytes.Length / 2)]);

        var ex = await RejectAsync(pdf, "half.pdf");

        Assert.Contains("is an incomplete PDF", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Malformed_PDF()
    {
        string pdf = _temp.File("bad.pdf");
        File.WriteAllText(pdf, "%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 9 0 R >> endobj\ngarbage that is no PDF\ntrailer << /Root 1 0 R >>\n%%EOF\n");

        var ex = await RejectAsync(pdf, "bad.pdf");

        Assert.Contains("is a damaged PDF", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PDF_with_more_pages_than_allowed()
    {
        string pdf = DocumentFixtures.GhostscriptPdf(_temp.Path, DocumentFixtures.A4PageProgram(pages: 12));

        var ex = await RejectAsync(pdf, "long.pdf", new DocumentIntakeOptions { MaxPages = 10 });

        Assert.Equal("long.pdf: has more than 10 pages, the most a fax job may have", ex.Message);
    }

    [Fact]
    public async Task File_over_the_size_limit()
    {
        string pdf = DocumentFixtures.GhostscriptPdf(_temp.Path, DocumentFixtures.A4PageProgram(pages: 3));

        var ex = await RejectAsync(pdf, "big.pdf", new DocumentIntakeOptions { MaxFileBytes = 2048 });

        Assert.Matches(@"^big\.pdf: is \d+ KB, more than the 2 KB a file may have$", ex.Message);
    }

    [Fact]
    public async Task Job_over_the_size_limit_names_the_file_that_tips_it()
    {
        string a = DocumentFixtures.MinimalPdf(_temp.Path, "a.pdf");
        string b = DocumentFixtures.MinimalPdf(_temp.Path, "b.pdf");
        long size = new FileInfo(a).Length;
        var intake = new DocumentIntake(new DocumentIntakeOptions { MaxJobBytes = (size * 2) - 1 });

        var ex = await Assert.ThrowsAsync<DocumentRejectedException>(() =>
            intake.ConvertAsync([new DocumentSource(a), new DocumentSource(b)], _temp.File("out.tif")));

        Assert.StartsWith("b.pdf: brings the job to 1 KB, more than the 1 KB a job may have", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Dear customer, SECRET-4711 is your code.\n", "letter.pdf", "is a text file")]
    [InlineData("%!PS-Adobe-3.0\n/SECRET-4711 pop\n", "doc.pdf", "is a PostScript file")]
    [InlineData("PK\u0003\u0004SECRET-4711", "report.docx", "is a ZIP archive or an office document")]
    [InlineData("GIF89aSECRET-4711", "anim.png", "is an image type that is not accepted")]
    [InlineData("", "empty.pdf", "is empty")]
    public async Task Unknown_types_are_recognised_by_content(string content, string name, string reason)
    {
        string path = _temp.File("upload.bin");
        File.WriteAllText(path, content, System.Text.Encoding.Latin1);

        var ex = await RejectAsync(path, name);

        Assert.Contains(reason, ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("SECRET", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Binary_garbage_is_not_a_document()
    {
        string path = _temp.File("noise.pdf");
        File.WriteAllBytes(path, [.. Enumerable.Range(0, 4096).Select(i => (byte)((i * 131) ^ 0x5A))]);

        var ex = await RejectAsync(path, "noise.pdf");

        Assert.Contains("is not a PDF, TIFF, PNG or JPEG file", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Tiny_image_is_not_a_document()
    {
        string path = _temp.File("icon.png");
        File.WriteAllBytes(path, TestPng.Grey(32, 32, (_, _) => 0));

        var ex = await RejectAsync(path, "icon.png");

        Assert.Equal("icon.png: is too small to be a document (32 × 32 pixels; at least 100 on each side)", ex.Message);
    }

    [Fact]
    public async Task Image_with_absurd_proportions_is_not_a_document()
    {
        string path = _temp.File("banner.png");
        File.WriteAllBytes(path, TestPng.Grey(5000, 100, (_, _) => 255));

        var ex = await RejectAsync(path, "banner.png");

        Assert.Equal("banner.png: is not shaped like a document (5000 × 100 pixels)", ex.Message);
    }

    [Fact]
    public async Task PNG_decompression_bomb_is_refused_before_inflating()
    {
        string path = _temp.File("bomb.png");
        File.WriteAllBytes(path, TestPng.Claiming(40000, 40000));

        var ex = await RejectAsync(path, "bomb.png");

        Assert.Equal("bomb.png: is too large an image (40000 × 40000 pixels; at most 60 million)", ex.Message);
    }

    [Fact]
    public async Task JPEG_claiming_a_huge_size_is_refused_before_decoding()
    {
        string jpeg = _temp.File("real.jpg");
        DocumentFixtures.Ghostscript(_temp.Path, DocumentFixtures.A4PageProgram(), "jpeggray", jpeg, "-r50");
        byte[] bytes = File.ReadAllBytes(jpeg);
        int sof = bytes.AsSpan().IndexOf((ReadOnlySpan<byte>)[0xFF, 0xC0]);
        Assert.True(sof > 0, "baseline frame header");
        bytes[sof + 5] = 0xEA; // height 60000
        bytes[sof + 6] = 0x60;
        bytes[sof + 7] = 0xEA; // width 60000
        bytes[sof + 8] = 0x60;
        File.WriteAllBytes(jpeg, bytes);

        var ex = await RejectAsync(jpeg, "photo.jpg");

        Assert.Equal("photo.jpg: is too large an image (60000 × 60000 pixels; at most 60 million)", ex.Message);
    }

    [Fact]
    public async Task Truncated_JPEG()
    {
        string jpeg = _temp.File("cut.jpg");
        DocumentFixtures.Ghostscript(_temp.Path, DocumentFixtures.A4PageProgram(), "jpeg", jpeg, "-r100");
        byte[] bytes = File.ReadAllBytes(jpeg);
        File.WriteAllBytes(jpeg, bytes[..600]);

        var ex = await RejectAsync(jpeg, "cut.jpg");

        Assert.Contains("is a damaged JPEG image", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Corrupted_PNG_fails_its_checksum()
    {
        string png = _temp.File("c.png");
        DocumentFixtures.Ghostscript(_temp.Path, DocumentFixtures.A4PageProgram(), "pnggray", png, "-r100");
        byte[] bytes = File.ReadAllBytes(png);
        bytes[bytes.Length / 2] ^= 0x40;
        File.WriteAllBytes(png, bytes);

        var ex = await RejectAsync(png, "c.png");

        Assert.Equal("c.png: is a damaged PNG image (a chunk's checksum is wrong (corrupted file))", ex.Message);
    }

    [Fact]
    public async Task Corrupt_TIFF()
    {
        string tiff = _temp.File("t.tif");
        TestPageGenerator.Write(tiff, new TestPageOptions { Pages = 2 });
        byte[] bytes = File.ReadAllBytes(tiff);
        File.WriteAllBytes(tiff, bytes[..(bytes.Length / 3)]);

        var ex = await RejectAsync(tiff, "scan.tif");

        Assert.Contains("is a damaged TIFF file", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ghostscript_over_its_time_limit_is_killed_and_the_file_rejected()
    {
        string pdf = DocumentFixtures.GhostscriptPdf(_temp.Path, DocumentFixtures.A4PageProgram(pages: 50));

        var ex = await RejectAsync(pdf, "heavy.pdf", new DocumentIntakeOptions { GhostscriptTimeLimit = TimeSpan.FromMilliseconds(50) });

        Assert.StartsWith("heavy.pdf: could not be converted within 0.05 s", ex.Message, StringComparison.Ordinal);
        Assert.IsType<GhostscriptException>(ex.InnerException);
    }

    [Fact]
    public async Task Cancellation_kills_Ghostscript_and_cleans_up()
    {
        string pdf = DocumentFixtures.GhostscriptPdf(_temp.Path, DocumentFixtures.A4PageProgram(pages: 50));
        string work = Directory.CreateDirectory(_temp.File("work")).FullName;
        var intake = new DocumentIntake(new DocumentIntakeOptions { WorkFolder = work });
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(80));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => intake.ConvertAsync([new DocumentSource(pdf)], _temp.File("out.tif"), cts.Token));

        Assert.Empty(Directory.EnumerateFileSystemEntries(work));
        Assert.False(File.Exists(_temp.File("out.tif")));
    }

    [Fact]
    public async Task Missing_Ghostscript_is_a_box_problem_that_says_what_to_install()
    {
        string pdf = DocumentFixtures.MinimalPdf(_temp.Path);
        var intake = new DocumentIntake(new DocumentIntakeOptions { GhostscriptPath = "/nonexistent/gs" });

        var ex = await Assert.ThrowsAsync<GhostscriptException>(() => intake.ConvertAsync([new DocumentSource(pdf)], _temp.File("out.tif")));

        Assert.Contains("install the Debian package ghostscript", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Out_of_range_options_are_named()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new DocumentIntake(new DocumentIntakeOptions { Resolution = FaxResolution.Superfine }));
        Assert.Equal("Resolution", ex.ParamName);
        var compression = Assert.Throws<ArgumentOutOfRangeException>(() => new CoverPage(new DocumentIntakeOptions { Compression = FaxBox.Fax.FaxCompression.Unknown }));
        Assert.Equal("Compression", compression.ParamName);
    }

    [Theory]
    [InlineData(DocumentType.Pdf, "MMR")]
    [InlineData(DocumentType.Png, "MH")]
    public async Task Output_uses_the_configured_coding(DocumentType type, string coding)
    {
        string input = type == DocumentType.Pdf ? DocumentFixtures.MinimalPdf(_temp.Path) : _temp.File("i.png");
        if (type == DocumentType.Png)
        {
            File.WriteAllBytes(input, TestPng.Grey(300, 400, (x, y) => x < 150 ? (byte)0 : (byte)255));
        }

        var compression = coding == "MMR" ? FaxBox.Fax.FaxCompression.T6 : FaxBox.Fax.FaxCompression.T4OneDimensional;
        await new DocumentIntake(new DocumentIntakeOptions { Compression = compression }).ConvertAsync([new DocumentSource(input)], _temp.File("o.tif"));

        FaxPageInfo page = Assert.Single(FaxDocument.Inspect(_temp.File("o.tif")).Pages);
        Assert.Equal(compression, page.FaxCompression);
        Assert.True(page.IsSendable);
    }
}
