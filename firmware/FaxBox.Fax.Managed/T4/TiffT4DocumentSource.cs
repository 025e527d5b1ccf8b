using BitMiracle.LibTiff.Classic;
using FaxBox.Fax.Documents;
using Microsoft.Win32.SafeHandles;

namespace FaxBox.Fax.Managed.T4;

/// <summary>
/// A TIFF-F document (the box's queue format, see <see cref="FaxNormalizer"/>) sent page by page: the page tags are read
/// once with LibTiff at open, the strip data is read from the file in small chunks as the call needs it, decoded with
/// <see cref="T4Decoder"/> (MH, MR or MMR, FillOrder 1 or 2, one or many strips) and re-coded for the line with
/// <see cref="T4Encoder"/> by <see cref="TiffT4PageCoder"/>. Nothing holds a page image or a whole coded page.
/// </summary>
internal sealed class TiffT4DocumentSource : IT4DocumentSource
{
    /// <summary>Page widths T.30 can negotiate (T.30 Table 2, bits 17–18 and the 300/400 dpi widths; T.4 §2.2).</summary>
    private static readonly int[] s_widths = [1728, 2048, 2432, 2592, 3072, 3456, 3648, 4096, 4864];

    /// <summary>Resolutions in pixels per metre as T.30 knows them (see <see cref="T4PageFormat"/>), plus 200 dpi.</summary>
    private static readonly int[] s_resolutions = [3850, 7700, 15400, 8031, 7874, 11811, 15748];

    private readonly SafeFileHandle _file;
    private readonly TiffT4SourcePage[] _pages;
    private readonly string? _spillDirectory;
    private TiffT4PageCoder? _active;

    /// <summary>Opens <paramref name="path"/> and reads its page tags.</summary>
    /// <param name="path">A TIFF-F file.</param>
    /// <param name="spillDirectory">Where the per-page spill files go; null for the system temporary folder.</param>
    /// <exception cref="FaxDocumentException">The file cannot be read, or a page cannot be sent as it is (not bilevel,
    /// not MH/MR/MMR, uncompressed mode, a width T.30 cannot negotiate, tiled); the message names the file and page.</exception>
    public TiffT4DocumentSource(string path, string? spillDirectory = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        Path = path;
        _spillDirectory = spillDirectory;
        _pages = ReadPages(path);
        try
        {
            _file = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new FaxDocumentException(path, ex.Message, ex);
        }
    }

    /// <summary>The file.</summary>
    public string Path { get; }

    /// <inheritdoc/>
    public int PageCount => _pages.Length;

    /// <summary>The tags of page <paramref name="page"/> (0-based) as read at open.</summary>
    public TiffT4SourcePage Page(int page)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(page);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(page, _pages.Length);
        return _pages[page];
    }

    /// <inheritdoc/>
    public T4PageFormat PageFormat(int page) => Page(page).Format;

    /// <inheritdoc/>
    public IT4PageCoder StartPage(int page, FaxCompression compression, int minimumRowBits)
    {
        ObjectDisposedException.ThrowIf(_file.IsClosed, this);
        if (_active is { IsDisposed: false })
        {
            throw new InvalidOperationException($"page {_active.Page.Index + 1} is still being coded: dispose its coder first");
        }

        _active = new TiffT4PageCoder(Path, _file, Page(page), compression, minimumRowBits, _spillDirectory);
        return _active;
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        _active?.Dispose();
        _file.Dispose();
    }

    /// <summary>The resolution in pixels per metre for <paramref name="dpi"/>, snapped to a T.30 value within 3 %.</summary>
    internal static int PixelsPerMetre(double dpi)
    {
        int ppm = (int)Math.Round(dpi / 0.0254);
        int best = ppm;
        double bestError = 0.03;
        foreach (int r in s_resolutions)
        {
            double error = Math.Abs(ppm - r) / (double)r;
            if (error < bestError)
            {
                best = r;
                bestError = error;
            }
        }

        return best;
    }

    private static TiffT4SourcePage[] ReadPages(string path) => TiffGuard.Run(path, () =>
    {
        using Tiff tif = TiffGuard.OpenRead(path);
        var pages = new List<TiffT4SourcePage>();
        do
        {
            pages.Add(ReadPage(path, tif, pages.Count));
        }
        while (tif.ReadDirectory());
        return pages.ToArray();
    });

    private static TiffT4SourcePage ReadPage(string path, Tiff tif, int index)
    {
        var header = TiffPageHeader.Read(tif);
        string where = $"page {index + 1}";
        List<string> problems = header.DecodeProblems(requireResolution: false);
        if (problems.Count > 0)
        {
            throw new FaxDocumentException(path, $"{where}: {string.Join("; ", problems)}");
        }

        if (header.FaxCompression is not { } compression)
        {
            throw new FaxDocumentException(path, $"{where}: compression {header.CompressionName} is not MH, MR or MMR (normalise the document first)");
        }

        int options = header.Compression == Compression.CCITTFAX4
            ? Int(tif, TiffTag.GROUP4OPTIONS)
            : (int)header.Group3Options;
        // Bit 1 of T4Options and of T6Options: uncompressed mode (TIFF 6.0 §11).
        const int UncompressedMode = 2;
        if ((options & UncompressedMode) != 0)
        {
            throw new FaxDocumentException(path, $"{where}: uses uncompressed mode ({(header.Compression == Compression.CCITTFAX4 ? "T6Options" : "T4Options")} = {options}), which is not supported");
        }

        if (Array.IndexOf(s_widths, header.Width) < 0)
        {
            throw new FaxDocumentException(path, $"{where}: width {header.Width} is not a fax width ({string.Join(", ", s_widths)}); normalise the document first");
        }

        if (header.FillOrder is not (FillOrder.MSB2LSB or FillOrder.LSB2MSB))
        {
            throw new FaxDocumentException(path, $"{where}: unknown FillOrder {(int)header.FillOrder}");
        }

        FieldValue[]? offsets = tif.GetField(TiffTag.STRIPOFFSETS);
        FieldValue[]? counts = tif.GetField(TiffTag.STRIPBYTECOUNTS);
        long[]? stripOffsets = offsets is { Length: > 0 } ? offsets[0].TolongArray() : null;
        long[]? stripCounts = counts is { Length: > 0 } ? counts[0].TolongArray() : null;
        if (stripOffsets is null || stripCounts is null || stripOffsets.Length == 0 || stripOffsets.Length != stripCounts.Length)
        {
            throw new FaxDocumentException(path, $"{where}: StripOffsets/StripByteCounts missing or of different lengths");
        }

        int rowsPerStrip = header.RowsPerStrip;
        long needed = ((long)header.Height + rowsPerStrip - 1) / rowsPerStrip;
        if (stripOffsets.Length < needed)
        {
            throw new FaxDocumentException(path, $"{where}: {stripOffsets.Length} strip(s) for {header.Height} rows of {rowsPerStrip} per strip");
        }

        (double xDpi, double yDpi) = header.XDpi is { } x && header.YDpi is { } y
            ? (x, y)
            : TiffFaxReader.AssumeResolution(header.Width, header.Height);
        var format = new T4PageFormat(header.Width, PixelsPerMetre(xDpi), PixelsPerMetre(yDpi));
        return new TiffT4SourcePage(
            index,
            format,
            header.Height,
            compression,
            header.FillOrder == FillOrder.LSB2MSB,
            header.Photometric == Photometric.MINISBLACK,
            rowsPerStrip,
            stripOffsets,
            stripCounts);
    }

    private static int Int(Tiff tif, TiffTag tag)
    {
        FieldValue[]? v = tif.GetField(tag);
        return v is { Length: > 0 } ? v[0].ToInt() : 0;
    }
}
