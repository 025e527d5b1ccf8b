using System.Globalization;
using FaxBox.Fax.Documents;

namespace FaxBox.FaxServer.Documents;

/// <summary>
/// Renders a fax cover page with Ghostscript from a generated PostScript program (Helvetica, ISO Latin-1; characters
/// outside it print as '?'; every field is a hex string, so no input is ever PostScript code): a large "FAX" title,
/// To / Fax / From / Fax / Date / Pages / Subject rows and the note, word-wrapped. Prepending joins it and the job's
/// TIFF-F into one document with the pages renumbered.
/// </summary>
public sealed class CoverPage
{
    /// <summary>Longest field printed (characters); longer ones are cut with an ellipsis.</summary>
    public const int MaxFieldLength = 80;

    /// <summary>Longest note printed (characters).</summary>
    public const int MaxNoteLength = 4000;

    private readonly DocumentIntakeOptions _options;
    private readonly Ghostscript _gs;

    /// <summary>Uses the Ghostscript path and time limit, resolution, paper and coding of <paramref name="options"/>.</summary>
    public CoverPage(DocumentIntakeOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
        _gs = new Ghostscript(options.GhostscriptPath, options.GhostscriptTimeLimit);
    }

    /// <summary>Writes the cover page alone as a one-page TIFF-F (atomically).</summary>
    /// <exception cref="GhostscriptException">Ghostscript is missing, failed or took too long.</exception>
    public async Task RenderAsync(CoverPageContent content, string tiffPath, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(tiffPath);
        string work = CreateWorkFolder();
        try
        {
            string raw = Path.Combine(work, "cover.tif");
            await Build(content).RenderAsync(_gs, raw, _options.Resolution, work, cancellationToken).ConfigureAwait(false);
            await Task.Run(() => FaxNormalizer.Normalize(raw, tiffPath, Normalize()), cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    /// <summary>Writes the cover page followed by every page of <paramref name="jobTiff"/> to <paramref name="outputPath"/> (atomically).</summary>
    /// <returns>Pages in the output (the job's pages + 1).</returns>
    /// <exception cref="GhostscriptException">Ghostscript is missing, failed or took too long.</exception>
    /// <exception cref="FaxDocumentException">The job's TIFF cannot be read or the output cannot be written.</exception>
    public async Task<int> PrependAsync(CoverPageContent content, string jobTiff, string outputPath, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(jobTiff);
        ArgumentNullException.ThrowIfNull(outputPath);
        string work = CreateWorkFolder();
        try
        {
            string raw = Path.Combine(work, "cover.tif");
            await Build(content).RenderAsync(_gs, raw, _options.Resolution, work, cancellationToken).ConfigureAwait(false);
            FaxNormalizationResult result = await Task.Run(() => FaxNormalizer.Normalize([raw, jobTiff], outputPath, Normalize()), cancellationToken)
                .ConfigureAwait(false);
            return result.PageActions.Count;
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    private string CreateWorkFolder() =>
        Directory.CreateDirectory(Path.Combine(_options.WorkFolder ?? Path.GetTempPath(), $".faxbox-cover-{Guid.NewGuid():N}")).FullName;

    /// <summary>The PostScript program of the page (for tests and the curious).</summary>
    internal string Program(CoverPageContent content) => Build(content).Program();

    private FaxNormalizeOptions Normalize() => new() { Resolution = _options.Resolution, Compression = _options.Compression };

    private PostScriptPage Build(CoverPageContent c)
    {
        var page = new PostScriptPage(_options.PaperSize);
        page.Title("FAX", 56);
        page.Rule(3);
        AddRow(page, "To:", c.To);
        AddRow(page, "Fax:", c.ToNumber);
        page.Space(10);
        AddRow(page, "From:", c.From);
        AddRow(page, "Fax:", c.FromNumber);
        page.Space(10);
        if (c.Date != default)
        {
            page.Row("Date:", c.Date.ToString("yyyy-MM-dd HH:mm 'UTC'zzz", CultureInfo.InvariantCulture));
        }

        page.Row("Pages:", string.Create(CultureInfo.InvariantCulture, $"{c.Pages + 1} including this page"));
        AddRow(page, "Subject:", c.Subject);
        page.Space(8);
        page.Rule();
        if (!string.IsNullOrWhiteSpace(c.Note))
        {
            page.Paragraphs(c.Note.Length > MaxNoteLength ? c.Note[..MaxNoteLength] : c.Note);
        }

        return page;
    }

    private static void AddRow(PostScriptPage page, string label, string value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return;
        }

        value = value.ReplaceLineEndings(" ").Trim();
        page.Row(label, value.Length > MaxFieldLength ? value[..(MaxFieldLength - 3)] + "..." : value);
    }
}
