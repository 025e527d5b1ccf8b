using System.Diagnostics;
using System.Globalization;
using FaxBox.Fax;
using FaxBox.Fax.Documents;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace FaxBox.FaxServer.Documents;

/// <summary>
/// Turns the files of a send job (PDF, TIFF, PNG, JPEG, recognised by content) into one sendable TIFF-F: 1728 pixels
/// wide at 204 × 196 or 204 × 98 dpi, coded as <see cref="DocumentIntakeOptions.Compression"/>, written atomically.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item>PDF: Ghostscript (<see cref="PdfRasterizer"/>), each page fitted to A4 or Letter, landscape turned.</item>
/// <item>Bilevel TIFF: FaxNormalizer (kept at its own size when it fits, resampled otherwise).</item>
/// <item>Greyscale or colour TIFF: decoded to RGBA with LibTiff and rasterised by <see cref="PictureRasterizer"/>.</item>
/// <item>PNG: decoded here (<see cref="PngDecoder"/>); JPEG: decoded by Ghostscript (<see cref="JpegRasterizer"/>); then as above.</item>
/// </list>
/// Anything that cannot be faxed ends in a <see cref="DocumentRejectedException"/> naming the file and the reason.
/// Log lines carry types, sizes, page counts and times, never content. The work runs on the thread pool and in
/// child processes, never on the caller's thread.
/// </remarks>
public sealed partial class DocumentIntake
{
    private readonly DocumentIntakeOptions _options;
    private readonly ILogger _logger;
    private readonly Ghostscript _gs;

    /// <summary>Creates the intake.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range (the exception names it).</exception>
    public DocumentIntake(DocumentIntakeOptions options, ILogger<DocumentIntake>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _gs = new Ghostscript(options.GhostscriptPath, options.GhostscriptTimeLimit);
    }

    /// <summary>Converts <paramref name="files"/>, in order, into one TIFF-F at <paramref name="outputPath"/>.</summary>
    /// <exception cref="DocumentRejectedException">A file cannot be faxed; nothing is written.</exception>
    /// <exception cref="GhostscriptException">Ghostscript is missing or cannot start.</exception>
    /// <exception cref="FaxDocumentException">The output cannot be written.</exception>
    /// <exception cref="OperationCanceledException">Cancelled (a running Ghostscript is killed).</exception>
    public async Task<DocumentIntakeResult> ConvertAsync(IReadOnlyList<DocumentSource> files, string outputPath, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(files);
        ArgumentNullException.ThrowIfNull(outputPath);
        if (files.Count == 0)
        {
            throw new ArgumentException("a job needs at least one file", nameof(files));
        }

        long started = Stopwatch.GetTimestamp();
        string work = CreateWorkFolder();
        try
        {
            var parts = new List<string>();
            var results = new List<DocumentIntakeFile>();
            long total = 0;
            int pages = 0;
            for (int i = 0; i < files.Count; i++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                DocumentSource file = files[i];
                string name = file.Name;
                long length = CheckSize(file, name, ref total);
                DocumentType type = Sniff(file.Path, name);
                string fileWork = Directory.CreateDirectory(Path.Combine(work, i.ToString(CultureInfo.InvariantCulture))).FullName;
                int remaining = _options.MaxPages - pages;
                int count = type switch
                {
                    DocumentType.Pdf => await FromPdfAsync(file.Path, name, fileWork, remaining, parts, cancellationToken).ConfigureAwait(false),
                    DocumentType.Tiff => await Task.Run(() => FromTiff(file.Path, name, fileWork, remaining, parts), cancellationToken).ConfigureAwait(false),
                    DocumentType.Png => await Task.Run(() => FromPng(file.Path, name, fileWork, parts), cancellationToken).ConfigureAwait(false),
                    _ => await FromJpegAsync(file.Path, name, fileWork, parts, cancellationToken).ConfigureAwait(false),
                };
                if (count > remaining)
                {
                    throw TooManyPages(name, files.Count);
                }

                pages += count;
                results.Add(new DocumentIntakeFile(name, type, count));
                LogFile(_logger, i + 1, type, length, count);
            }

            var normalize = new FaxNormalizeOptions { Resolution = _options.Resolution, Compression = _options.Compression };
            await Task.Run(() => FaxNormalizer.Normalize(parts, outputPath, normalize), cancellationToken).ConfigureAwait(false);
            LogDone(_logger, files.Count, pages, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            return new DocumentIntakeResult(outputPath, pages, results);
        }
        catch (DocumentRejectedException ex)
        {
            LogRejected(_logger, ex.Reason);
            throw;
        }
        finally
        {
            TryDeleteFolder(work);
        }
    }

    private DocumentRejectedException TooManyPages(string name, int fileCount) =>
        fileCount == 1
            ? new DocumentRejectedException(name, $"has more than {_options.MaxPages} pages, the most a fax job may have")
            : new DocumentRejectedException(name, $"brings the job to more than {_options.MaxPages} pages, the most a fax job may have");

    private long CheckSize(DocumentSource file, string name, ref long total)
    {
        var info = new FileInfo(file.Path);
        if (!info.Exists)
        {
            throw new DocumentRejectedException(name, "was not found");
        }

        if (info.Length > _options.MaxFileBytes)
        {
            throw new DocumentRejectedException(name, $"is {Megabytes(info.Length)}, more than the {Megabytes(_options.MaxFileBytes)} a file may have");
        }

        total += info.Length;
        if (total > _options.MaxJobBytes)
        {
            throw new DocumentRejectedException(name, $"brings the job to {Megabytes(total)}, more than the {Megabytes(_options.MaxJobBytes)} a job may have");
        }

        return info.Length;
    }

    private static DocumentType Sniff(string path, string name)
    {
        byte[] head = new byte[DocumentSniffer.HeadLength];
        int n;
        using (var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read))
        {
            n = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        }

        return DocumentSniffer.Sniff(head.AsSpan(0, n), out string reason) ?? throw new DocumentRejectedException(name, reason);
    }

    private async Task<int> FromPdfAsync(string path, string name, string work, int remaining, List<string> parts, CancellationToken cancellationToken)
    {
        string tiff = Path.Combine(work, "pdf.tif");
        int count = await PdfRasterizer.RasterizeAsync(_gs, path, name, tiff, remaining, _options.PaperSize, _options.Resolution, cancellationToken)
            .ConfigureAwait(false);
        parts.Add(tiff);
        return count;
    }

    private int FromTiff(string path, string name, string work, int remaining, List<string> parts)
    {
        FaxDocumentInfo info;
        try
        {
            info = FaxDocument.Inspect(path);
        }
        catch (FaxDocumentException ex)
        {
            throw new DocumentRejectedException(name, $"is a damaged TIFF file ({ex.Reason})", ex);
        }

        if (info.Pages.Count > remaining)
        {
            return info.Pages.Count;
        }

        foreach (FaxPageInfo page in info.Pages)
        {
            CheckPicture(name, page.Width, page.Height);
        }

        string part = Path.Combine(work, "tiff.tif");
        if (TiffPictureReader.IsBilevel(info))
        {
            try
            {
                FaxNormalizer.Normalize(path, part, new FaxNormalizeOptions { Resolution = _options.Resolution, Compression = FaxCompression.T6 });
            }
            catch (FaxDocumentException ex)
            {
                throw new DocumentRejectedException(name, $"is a damaged TIFF file ({ex.Reason})", ex);
            }

            parts.Add(part);
            return info.Pages.Count;
        }

        int index = 0;
        TiffPictureReader.ReadPages(path, name, (w, h) => CheckPicture(name, w, h), image =>
        {
            string pagePath = Path.Combine(work, $"page{index++}.tif");
            SavePage(Rasterize(image), pagePath);
            parts.Add(pagePath);
        });
        return index;
    }

    private int FromPng(string path, string name, string work, List<string> parts)
    {
        GreyImage image = PngDecoder.Decode(name, File.ReadAllBytes(path), (w, h) => CheckPicture(name, w, h));
        string part = Path.Combine(work, "png.tif");
        SavePage(Rasterize(image), part);
        parts.Add(part);
        return 1;
    }

    private async Task<int> FromJpegAsync(string path, string name, string work, List<string> parts, CancellationToken cancellationToken)
    {
        byte[] head = new byte[Math.Min(new FileInfo(path).Length, 1 << 20)];
        await using (var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 4096, useAsync: true))
        {
            await stream.ReadExactlyAsync(head, cancellationToken).ConfigureAwait(false);
        }

        JpegHeader header = JpegHeader.Parse(name, head);
        CheckPicture(name, header.Width, header.Height);
        GreyImage image = await JpegRasterizer.DecodeAsync(_gs, path, name, header, work, cancellationToken).ConfigureAwait(false);
        string part = Path.Combine(work, "jpeg.tif");
        await Task.Run(() => SavePage(Rasterize(image), part), cancellationToken).ConfigureAwait(false);
        parts.Add(part);
        return 1;
    }

    private FaxPage Rasterize(GreyImage image) =>
        PictureRasterizer.Rasterize(image, _options.PaperSize, _options.Resolution, _options.ImageConversion, _options.Threshold);

    private static void SavePage(FaxPage page, string path) => new FaxDocument([page]).Save(path, FaxCompression.T6);

    /// <summary>Refuses a picture that cannot be a document page, before it is decoded.</summary>
    private void CheckPicture(string name, int width, int height)
    {
        if (Math.Min(width, height) < _options.MinImageSide)
        {
            throw new DocumentRejectedException(name, $"is too small to be a document ({width} × {height} pixels; at least {_options.MinImageSide} on each side)");
        }

        if ((double)Math.Max(width, height) / Math.Min(width, height) > _options.MaxImageAspectRatio)
        {
            throw new DocumentRejectedException(name, $"is not shaped like a document ({width} × {height} pixels)");
        }

        if ((long)width * height > _options.MaxImagePixels)
        {
            throw new DocumentRejectedException(name, $"is too large an image ({width} × {height} pixels; at most {_options.MaxImagePixels / 1_000_000.0:0.#} million)");
        }
    }

    private string CreateWorkFolder()
    {
        string root = _options.WorkFolder ?? Path.GetTempPath();
        return Directory.CreateDirectory(Path.Combine(root, $".faxbox-intake-{Guid.NewGuid():N}")).FullName;
    }

    private void TryDeleteFolder(string folder)
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            LogCleanupFailed(_logger, folder, ex.Message);
        }
    }

    private static string Megabytes(long bytes) => bytes >= 1024 * 1024
        ? string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024.0 * 1024.0):0.#} MB")
        : string.Create(CultureInfo.InvariantCulture, $"{Math.Ceiling(bytes / 1024.0):0} KB");
}
