using FaxBox.Fax;
using FaxBox.Fax.Documents;
using FaxBox.FaxServer.Documents;

namespace FaxBox.FaxServer.Tests.Documents;

/// <summary>The transmission report for sent/failed e-mails, rendered by the real Ghostscript.</summary>
public sealed class ConfirmationPageTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    /// <summary>A two-page job whose first page is one big black box in its upper-left quarter.</summary>
    private string Job()
    {
        var first = new FaxPage(1728, 2292, FaxResolution.Fine);
        first.FillRectangle(0, 0, 864, 1146);
        var second = new FaxPage(1728, 2292, FaxResolution.Fine);
        string path = _temp.File("job.tif");
        new FaxDocument([first, second]).Save(path, FaxCompression.T6);
        return path;
    }

    private ConfirmationContent Content(string? document) => new()
    {
        Title = "Fax sent",
        Rows =
        [
            new("To", "+49 30 1234567"),
            new("Result", "sent, 2 of 2 pages"),
            new("Transport", "T.38, ECM, 14400 bit/s"),
            new("Duration", "00:01:12"),
        ],
        DocumentPath = document,
    };

    [Fact]
    public async Task Report_page_has_the_table_and_the_reduced_first_page_in_its_frame()
    {
        FaxPage page = await new ConfirmationPage(new DocumentIntakeOptions()).RenderAsync(Content(Job()), CancellationToken.None);

        Assert.Equal(1728, page.Width);
        Assert.Equal(FaxResolution.Fine, page.Resolution);
        // Four rows of text between the rules (their values start at the value column).
        double table = DocumentFixtures.BlackShare(page, (int)(PostScriptPage.ValueColumn * 204 / 72), (int)(110 * 196 / 72.0), 800, (int)(80 * 196 / 72.0));
        Assert.InRange(table, 0.02, 0.4);
        // The thumbnail is 230 pt wide; the job's black quarter fills its upper-left quarter, the rest of it is white.
        int left = (int)Math.Round(PostScriptPage.Left * 204 / 72), width = (int)Math.Round(ConfirmationPage.ThumbnailWidthPoints * 204 / 72);
        int frame = FindRow(page, left + (width / 4), (int)(215 * 196 / 72.0), black: true); // below the rule under the table
        int top = FindRow(page, left + (width / 4), FindRow(page, left + (width / 4), frame, black: false), black: true);
        Assert.InRange(top - frame, 3, 8); // the frame line, a white gap, then the picture
        int height = (int)Math.Round(ConfirmationPage.ThumbnailWidthPoints * (2292 / 196.0) / (1728 / 204.0) * 196 / 72);
        Assert.True(DocumentFixtures.BlackShare(page, left + 4, top + 4, (width / 2) - 8, (height / 2) - 8) > 0.99, "black quarter");
        Assert.True(DocumentFixtures.BlackShare(page, left + (width / 2) + 6, top + (height / 2) + 6, (width / 2) - 12, (height / 2) - 12) < 0.01, "white rest");
    }

    [Fact]
    public async Task PNG_report_is_a_valid_greyscale_PNG_of_the_requested_width()
    {
        string png = _temp.File("report.png");

        await new ConfirmationPage(new DocumentIntakeOptions()).WritePngAsync(Content(Job()), png, maxWidth: 864);

        GreyImage image = PngDecoder.Decode("report.png", File.ReadAllBytes(png), (_, _) => { });
        Assert.Equal(864, image.Width);
        Assert.Equal(1193, image.Height); // 2292 rows × (204/196) × (864/1728): square pixels, the paper's aspect ratio
        // The thumbnail's black quarter, reduced by 2: a dark block right below the table.
        Assert.Contains(image.Pixels, p => p < 16);
    }

    [Fact]
    public async Task PDF_report_is_one_page_that_Ghostscript_reads_back()
    {
        string pdf = _temp.File("report.pdf");
        var options = new DocumentIntakeOptions();
        ConfirmationContent content = Content(Job());

        await new ConfirmationPage(options).WritePdfAsync(content, pdf);

        FaxPage rendered = await new ConfirmationPage(options).RenderAsync(content, CancellationToken.None);
        DocumentIntakeResult back = await new DocumentIntake(options).ConvertAsync([new DocumentSource(pdf)], _temp.File("back.tif"));
        Assert.Equal(1, back.Pages);
        long original = rendered.CountBlackPixels(), roundTrip = FaxDocument.Load(_temp.File("back.tif")).Pages[0].CountBlackPixels();
        Assert.InRange((double)roundTrip / original, 0.97, 1.03);
    }

    [Fact]
    public async Task Report_without_a_document_is_only_the_table()
    {
        FaxPage page = await new ConfirmationPage(new DocumentIntakeOptions()).RenderAsync(Content(null) with { Title = "Fax not sent" }, CancellationToken.None);

        Assert.True(DocumentFixtures.BlackShare(page, 0, (int)(260 * 196 / 72.0), 1728, page.Height - (int)(260 * 196 / 72.0)) < 0.0001, "nothing below the table");
    }

    private static int FindRow(FaxPage page, int x, int fromRow, bool black)
    {
        for (int y = fromRow; y < page.Height; y++)
        {
            if (DocumentFixtures.BlackShare(page, x, y, 20, 1) is var share && (black ? share > 0.9 : share < 0.1))
            {
                return y;
            }
        }

        Assert.Fail($"no {(black ? "black" : "white")} row below {fromRow}");
        return -1;
    }
}
