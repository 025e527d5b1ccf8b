using BitMiracle.LibTiff.Classic;

namespace FaxBox.Fax.Documents;

/// <summary>Decodes the directories of a bilevel TIFF into <see cref="FaxPage"/>s with LibTiff.</summary>
internal static class TiffFaxReader
{
    /// <summary>Reads every page of <paramref name="path"/>.</summary>
    public static FaxDocument Load(string path) => TiffGuard.Run(path, () =>
    {
        using Tiff tif = TiffGuard.OpenRead(path);
        var pages = new List<FaxPage>();
        int index = 0;
        do
        {
            var header = TiffPageHeader.Read(tif);
            pages.Add(ReadPage(path, tif, header, index));
            index++;
        }
        while (tif.ReadDirectory());

        if (CapturingTiffErrorHandler.FirstError is { } e && pages.Count == 0)
        {
            throw new FaxDocumentException(path, e);
        }

        return new FaxDocument(pages);
    });

    /// <summary>Decodes the current directory.</summary>
    public static FaxPage ReadPage(string path, Tiff tif, TiffPageHeader header, int index)
    {
        List<string> problems = header.DecodeProblems(requireResolution: false);
        if (problems.Count > 0)
        {
            throw new FaxDocumentException(path, $"page {index + 1}: {string.Join("; ", problems)}");
        }

        (double xDpi, double yDpi) = header.XDpi is { } x && header.YDpi is { } y
            ? (x, y)
            : AssumeResolution(header.Width, header.Height);
        var page = new FaxPage(header.Width, header.Height, xDpi, yDpi);
        int stride = page.Stride;
        if (tif.ScanlineSize() != stride)
        {
            throw new FaxDocumentException(path, $"page {index + 1}: unexpected scanline size {tif.ScanlineSize()}");
        }

        byte[] buffer = new byte[stride * header.Height];
        int rowsPerStrip = header.RowsPerStrip;
        for (int strip = 0; strip < header.Strips; strip++)
        {
            int firstRow = strip * rowsPerStrip;
            if (firstRow >= header.Height)
            {
                break;
            }

            int rows = Math.Min(rowsPerStrip, header.Height - firstRow);
            int n = tif.ReadEncodedStrip(strip, buffer, firstRow * stride, rows * stride);
            if (n < 0)
            {
                throw TiffGuard.Fail(path, $"page {index + 1}: cannot decode strip {strip}");
            }
        }

        if (header.Photometric == Photometric.MINISBLACK)
        {
            for (int i = 0; i < buffer.Length; i++)
            {
                buffer[i] = (byte)~buffer[i];
            }
        }

        buffer.CopyTo(page.Bits);
        page.ClearPadding();
        return page;
    }

    /// <summary>
    /// The resolution assumed for a page without usable resolution tags. A page exactly 1728, 2048 or 2432
    /// pixels wide is taken to be a fax page at 204 dpi, and its vertical density is guessed from the aspect
    /// ratio of an A4 page: fewer rows than 1.0 × width → standard (98), fewer than 2.0 × width → fine (196),
    /// otherwise superfine (391). Any other width is assumed to span the 8.5-inch printable width of a letter
    /// or A4 page with square pixels (so a 1700-pixel page is 200 × 200 dpi and a 2550-pixel one 300 × 300).
    /// This differs from spandsp, which assumes 204 × 98 whatever the height (spandsp notes §3).
    /// </summary>
    public static (double XDpi, double YDpi) AssumeResolution(int width, int height)
    {
        if (width is 1728 or 2048 or 2432)
        {
            double ratio = (double)height / width;
            double y = ratio < 1.0 ? 98 : ratio < 2.0 ? 196 : 391;
            return (204, y);
        }

        double dpi = Math.Clamp(Math.Round(width / 8.5), FaxPage.MinDpi, FaxPage.MaxDpi);
        return (dpi, dpi);
    }
}
