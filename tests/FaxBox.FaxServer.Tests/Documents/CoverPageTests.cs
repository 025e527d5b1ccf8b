using FaxBox.Fax.Documents;
using FaxBox.FaxServer.Documents;

namespace FaxBox.FaxServer.Tests.Documents;

/// <summary>The cover page, rendered by the real Ghostscript.</summary>
public sealed class CoverPageTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    private static CoverPageContent Content(string to = "Dr. Erika Mustermann") => new()
    {
        To = to,
        ToNumber = "+49 30 1234567",
        From = "Accounts, Example GmbH",
        FromNumber = "+49 89 7654321",
        Date = new DateTimeOffset(2026, 11, 24, 9, 30, 0, TimeSpan.FromHours(1)),
        Pages = 2,
        Subject = "Invoice 2026-0042",
        Note = "Please find the invoice attached.\nCall us if anything is unclear. " + string.Concat(Enumerable.Repeat("Lorem ipsum dolor sit amet. ", 20)),
    };

    private async Task<FaxPage> RenderAsync(CoverPageContent content, DocumentIntakeOptions? options = null)
    {
        string path = _temp.File($"cover-{Guid.NewGuid():N}.tif");
        await new CoverPage(options ?? new DocumentIntakeOptions()).RenderAsync(content, path);
        FaxPageInfo info = Assert.Single(FaxDocument.Inspect(path).Pages);
        Assert.True(info.IsSendable, string.Join("; ", info.Reasons));
        return Assert.Single(FaxDocument.Load(path).Pages);
    }

    /// <summary>Black share of the band of rows around a baseline (points from the top) right of the value column.</summary>
    private static double ValueBand(FaxPage page, double topPt, double heightPt) =>
        DocumentFixtures.BlackShare(page, (int)(PostScriptPage.ValueColumn * 204 / 72), (int)(topPt * page.YDpi / 72), 1728 - (int)(PostScriptPage.ValueColumn * 204 / 72) - 10, (int)(heightPt * page.YDpi / 72));

    [Fact]
    public async Task Cover_page_has_the_title_the_fields_and_the_wrapped_note()
    {
        FaxPage page = await RenderAsync(Content());

        Assert.Equal(1728, page.Width);
        Assert.Equal(2292, page.Height);
        // "FAX" in 56-point bold at the top left (60 pt from the top, about 45 pt high).
        double title = DocumentFixtures.BlackShare(page, (int)(50 * 204 / 72.0), (int)(65 * 196 / 72.0), (int)(130 * 204 / 72.0), (int)(40 * 196 / 72.0));
        Assert.InRange(title, 0.2, 0.8);
        // The note wraps into several lines of text below the rows, all within the margins.
        double note = DocumentFixtures.BlackShare(page, (int)(50 * 204 / 72.0), (int)(340 * 196 / 72.0), 1728 - (int)(100 * 204 / 72.0), (int)(80 * 196 / 72.0));
        Assert.InRange(note, 0.02, 0.3);
        Assert.True(DocumentFixtures.BlackShare(page, 0, 0, (int)(45 * 204 / 72.0), page.Height) < 0.001, "nothing in the left margin");
        Assert.True(DocumentFixtures.BlackShare(page, 1728 - (int)(45 * 204 / 72.0), 0, (int)(45 * 204 / 72.0), page.Height) < 0.001, "nothing in the right margin");
    }

    [Fact]
    public async Task A_longer_name_prints_more_ink_in_the_To_row()
    {
        FaxPage shortName = await RenderAsync(Content("Al"));
        FaxPage longName = await RenderAsync(Content("Alexandra Konstantinopoulou-Whitfield"));

        // The To row is the first row under the rule: its baseline 177 pt from the top.
        double a = ValueBand(shortName, 163, 18), b = ValueBand(longName, 163, 18);
        Assert.True(b > a * 5, $"short {a:P2}, long {b:P2}");
    }

    [Fact]
    public async Task PostScript_in_the_fields_is_printed_as_text_not_run()
    {
        var content = Content() with
        {
            To = ") show showpage (",
            Subject = "\\) erasepage quit (%",
            Note = "} loop { (x) ] >> showpage",
            From = "Łódź 日本 \u0000\u0007",
        };

        FaxPage page = await RenderAsync(content);

        Assert.True(ValueBand(page, 163, 18) > 0.005, "the To row still shows its text");
        string program = new CoverPage(new DocumentIntakeOptions()).Program(content);
        Assert.DoesNotContain("showpage (", program, StringComparison.Ordinal);
        Assert.DoesNotContain("erasepage", program, StringComparison.Ordinal);
        Assert.Contains(PostScriptText.Hex(") show showpage ("), program, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Standard_resolution_and_Letter_paper()
    {
        FaxPage page = await RenderAsync(Content(), new DocumentIntakeOptions { Resolution = FaxResolution.Standard, PaperSize = PaperSize.Letter });

        Assert.Equal(FaxResolution.Standard, page.Resolution);
        Assert.Equal(11 * 98, page.Height);
    }

    [Fact]
    public async Task Prepending_puts_the_cover_first_and_keeps_the_job_pages_unchanged()
    {
        string job = _temp.File("job.tif");
        TestPageGenerator.Write(job, new TestPageOptions { Pages = 2 });
        string output = _temp.File("with-cover.tif");

        int pages = await new CoverPage(new DocumentIntakeOptions()).PrependAsync(Content(), job, output);

        Assert.Equal(3, pages);
        FaxDocument result = FaxDocument.Load(output);
        FaxDocument original = FaxDocument.Load(job);
        Assert.Equal(3, result.Pages.Count);
        PixelComparison same = FaxDocumentComparer.Compare(original, new FaxDocument(result.Pages.Skip(1)));
        Assert.True(same.Identical, $"job pages are pixel-identical after the cover: {same}");
        Assert.All(FaxDocument.Inspect(output).Pages, p => Assert.True(p.IsSendable));
    }
}
