using BitMiracle.LibTiff.Classic;

namespace FaxBox.Fax.Documents;

/// <summary>
/// A multi-page bilevel fax document, read from and written to TIFF Class F (TIFF 6.0 §11, Class F profile)
/// with BitMiracle.LibTiff.NET.
/// </summary>
public sealed class FaxDocument
{
    private readonly List<FaxPage> _pages;

    /// <summary>Creates a document from pages (at least one).</summary>
    public FaxDocument(IEnumerable<FaxPage> pages)
    {
        ArgumentNullException.ThrowIfNull(pages);
        _pages = [.. pages];
        if (_pages.Count == 0)
        {
            throw new ArgumentException("a fax document needs at least one page", nameof(pages));
        }
    }

    /// <summary>The pages in order.</summary>
    public IReadOnlyList<FaxPage> Pages => _pages;

    /// <summary>
    /// Reads every page of a bilevel TIFF (any compression LibTiff decodes, MinIsWhite or MinIsBlack, either
    /// FillOrder). MinIsBlack pages are inverted so that 1 is black. A page without resolution tags gets the
    /// resolution described in <see cref="AssumedResolution"/>.
    /// </summary>
    /// <exception cref="FaxDocumentException">The file is missing, not a TIFF, corrupt, truncated or not bilevel.</exception>
    public static FaxDocument Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return TiffFaxReader.Load(path);
    }

    /// <summary>
    /// The resolution assumed for a page without usable resolution tags: a page 1728, 2048 or 2432 pixels wide
    /// is 204 dpi across and standard, fine or superfine by aspect ratio (rows below 1×/2× the width); any other
    /// width is assumed to span 8.5 inches with square pixels.
    /// </summary>
    public static (double XDpi, double YDpi) AssumedResolution(int width, int height) =>
        TiffFaxReader.AssumeResolution(width, height);

    /// <summary>
    /// Writes the document as TIFF Class F: one directory per page, one strip per page, SubFileType=page,
    /// PageNumber n/N, MinIsWhite, FillOrder MSB2LSB, resolution in pixels per inch. The write is atomic
    /// (temporary file in the same folder, fsync, rename).
    /// </summary>
    /// <param name="path">Output file.</param>
    /// <param name="compression">Coding; default <see cref="FaxCompression.T4TwoDimensional"/> (T.4 2-D).</param>
    /// <exception cref="FaxDocumentException">The output cannot be written.</exception>
    public void Save(string path, FaxCompression compression = FaxCompression.T4TwoDimensional)
    {
        ArgumentNullException.ThrowIfNull(path);
        byte[] bytes = TiffGuard.Run(path, () => TiffFaxWriter.Encode(path, _pages, compression));
        AtomicFile.WriteAllBytes(path, bytes);
    }

    /// <summary>
    /// Describes a TIFF without decoding its pixels: per page size, resolution, compression, photometric
    /// interpretation and whether it can be sent as is (see <see cref="FaxPageInfo.IsSendable"/>).
    /// </summary>
    /// <exception cref="FaxDocumentException">The file is missing or not a readable TIFF.</exception>
    public static FaxDocumentInfo Inspect(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return TiffGuard.Run(path, () =>
        {
            using Tiff tif = TiffGuard.OpenRead(path);
            var pages = new List<FaxPageInfo>();
            do
            {
                pages.Add(FaxPageInfo.FromHeader(pages.Count, TiffPageHeader.Read(tif)));
            }
            while (tif.ReadDirectory());

            return new FaxDocumentInfo(path, pages);
        });
    }
}
