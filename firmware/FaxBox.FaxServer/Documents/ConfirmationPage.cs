using FaxBox.Fax.Documents;

namespace FaxBox.FaxServer.Documents;

/// <summary>
/// The transmission report attached to "sent" and "failed" e-mails: a page with a headline, the job's result table
/// (rendered by Ghostscript like <see cref="CoverPage"/>) and, below it, a framed reduced image of the document's first
/// page, written as a PNG (<see cref="FaxPreview"/>, correct aspect) or a one-page PDF (<see cref="FaxPdfExporter"/>).
/// </summary>
public sealed class ConfirmationPage
{
    /// <summary>Width of the reduced first page in points (about 45 % of the page).</summary>
    public const double ThumbnailWidthPoints = 230;

    /// <summary>Darkness (0–255) below which a reduced pixel is black: 192 keeps strokes that cover a quarter of it.</summary>
    private const int ThumbnailThreshold = 192;

    private readonly DocumentIntakeOptions _options;
    private readonly Ghostscript _gs;

    /// <summary>Uses the Ghostscript path and time limit and the paper of <paramref name="options"/>; the page is always fine resolution.</summary>
    public ConfirmationPage(DocumentIntakeOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
        _gs = new Ghostscript(options.GhostscriptPath, options.GhostscriptTimeLimit);
    }

    /// <summary>Writes the report as a PNG (atomically), at most <paramref name="maxWidth"/> pixels wide (greyscale when reduced).</summary>
    /// <exception cref="GhostscriptException">Ghostscript is missing, failed or took too long.</exception>
    /// <exception cref="DocumentRejectedException">The document's first page cannot be read.</exception>
    public async Task WritePngAsync(ConfirmationContent content, string pngPath, int maxWidth = 864, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(pngPath);
        FaxPage page = await RenderAsync(content, cancellationToken).ConfigureAwait(false);
        await Task.Run(() => FaxPreview.WritePng(pngPath, page, maxWidth), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Writes the report as a one-page PDF (atomically).</summary>
    /// <exception cref="GhostscriptException">Ghostscript is missing, failed or took too long.</exception>
    /// <exception cref="DocumentRejectedException">The document's first page cannot be read.</exception>
    public async Task WritePdfAsync(ConfirmationContent content, string pdfPath, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(pdfPath);
        FaxPage page = await RenderAsync(content, cancellationToken).ConfigureAwait(false);
        string work = CreateWorkFolder();
        try
        {
            string tiff = Path.Combine(work, "report.tif");
            await Task.Run(
                () =>
                {
                    new FaxDocument([page]).Save(tiff, Fax.FaxCompression.T6);
                    FaxPdfExporter.Export(tiff, pdfPath);
                },
                cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    /// <summary>Draws the report as one fine-resolution fax page.</summary>
    internal async Task<FaxPage> RenderAsync(ConfirmationContent content, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        GreyImage? first = null;
        if (content.DocumentPath is { } document)
        {
            first = await Task.Run(() => ReadFirstPage(document), cancellationToken).ConfigureAwait(false);
        }

        var ps = new PostScriptPage(_options.PaperSize);
        ps.Title(content.Title, 30);
        ps.Rule(2);
        foreach (var (label, value) in content.Rows)
        {
            ps.Row(Cut(label, 20), Cut(value.ReplaceLineEndings(" "), CoverPage.MaxFieldLength));
        }

        ps.Space(8);
        ps.Rule(1);
        (int X, int Y, int Width, int Height)? thumbnail = null;
        if (first is not null)
        {
            double widthIn = first.Width / (first.XDpi ?? 204), heightIn = first.Height / (first.YDpi ?? 196);
            double top = ps.Y - 10;
            double width = ThumbnailWidthPoints, height = width * heightIn / widthIn;
            if (height > top - PostScriptPage.Bottom)
            {
                height = Math.Max(20, top - PostScriptPage.Bottom);
                width = height * widthIn / heightIn;
            }

            ps.Emit(FormattableString.Invariant($"0.8 setlinewidth {PostScriptPage.Left - 1.5} {top - height - 1.5} {width + 3} {height + 3} rectstroke"));
            thumbnail = ((int)Math.Round(PostScriptPage.Left * 204 / 72), (int)Math.Round((ps.HeightPoints - top) * 196 / 72),
                Math.Max(1, (int)Math.Round(width * 204 / 72)), Math.Max(1, (int)Math.Round(height * 196 / 72)));
        }

        string work = CreateWorkFolder();
        FaxPage page;
        try
        {
            string tiff = Path.Combine(work, "report.tif");
            await ps.RenderAsync(_gs, tiff, FaxResolution.Fine, work, cancellationToken).ConfigureAwait(false);
            page = FaxDocument.Load(tiff).Pages[0];
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }

        if (first is not null && thumbnail is { } t)
        {
            byte[] reduced = PictureRasterizer.Resample(first, t.Width, t.Height);
            for (int y = 0; y < t.Height && t.Y + y < page.Height; y++)
            {
                for (int x = 0; x < t.Width && t.X + x < page.Width; x++)
                {
                    if (reduced[(y * t.Width) + x] < ThumbnailThreshold)
                    {
                        page.SetPixel(t.X + x, t.Y + y, true);
                    }
                }
            }
        }

        return page;
    }

    private GreyImage ReadFirstPage(string path)
    {
        string name = Path.GetFileName(path);
        GreyImage? first = null;
        TiffPictureReader.ReadPages(
            path,
            name,
            (w, h) =>
            {
                if ((long)w * h > _options.MaxImagePixels)
                {
                    throw new DocumentRejectedException(name, $"has a first page too large to preview ({w} × {h} pixels)");
                }
            },
            image => first = image,
            maxPages: 1);
        return first ?? throw new DocumentRejectedException(name, "has no pages");
    }

    private string CreateWorkFolder() =>
        Directory.CreateDirectory(Path.Combine(_options.WorkFolder ?? Path.GetTempPath(), $".faxbox-report-{Guid.NewGuid():N}")).FullName;

    private static string Cut(string text, int max) => text.Length > max ? text[..(max - 3)] + "..." : text;
}
