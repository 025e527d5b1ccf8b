using BitMiracle.LibTiff.Classic;

namespace FaxBox.Fax.Documents;

/// <summary>Writes TIFF Class F directories (TIFF 6.0 §11 + Class F profile) with LibTiff.</summary>
internal static class TiffFaxWriter
{
    /// <summary>The Software tag written into every file.</summary>
    public const string Software = "FaxBox";

    /// <summary>Opens an in-memory TIFF for writing.</summary>
    public static Tiff OpenMemory(string path, MemoryStream memory) =>
        Tiff.ClientOpen(path, "w", memory, new TiffStream())
        ?? throw TiffGuard.Fail(path, "cannot create TIFF");

    /// <summary>Encodes a page with <paramref name="compression"/> as one strip and ends the directory.</summary>
    public static void WritePage(string path, Tiff tif, FaxPage page, FaxCompression compression, int index, int count)
    {
        WriteTags(tif, page.Width, page.Height, page.XDpi, page.YDpi, compression, page.Height, index, count);
        byte[] bits = page.Bits.ToArray();
        if (tif.WriteEncodedStrip(0, bits, bits.Length) < 0)
        {
            throw TiffGuard.Fail(path, $"page {index + 1}: cannot encode");
        }

        if (!tif.WriteDirectory())
        {
            throw TiffGuard.Fail(path, $"page {index + 1}: cannot write directory");
        }
    }

    /// <summary>Writes the tags of a Class F page (MinIsWhite, FillOrder MSB2LSB, pixels per inch).</summary>
    public static void WriteTags(Tiff tif, int width, int height, double xDpi, double yDpi, FaxCompression compression, int rowsPerStrip, int index, int count, Group3Opt? group3Options = null)
    {
        tif.SetField(TiffTag.SUBFILETYPE, FileType.PAGE);
        tif.SetField(TiffTag.IMAGEWIDTH, width);
        tif.SetField(TiffTag.IMAGELENGTH, height);
        tif.SetField(TiffTag.BITSPERSAMPLE, 1);
        tif.SetField(TiffTag.SAMPLESPERPIXEL, 1);
        tif.SetField(TiffTag.PHOTOMETRIC, Photometric.MINISWHITE);
        tif.SetField(TiffTag.FILLORDER, FillOrder.MSB2LSB);
        tif.SetField(TiffTag.ORIENTATION, Orientation.TOPLEFT);
        tif.SetField(TiffTag.PLANARCONFIG, PlanarConfig.CONTIG);
        tif.SetField(TiffTag.ROWSPERSTRIP, rowsPerStrip);
        tif.SetField(TiffTag.XRESOLUTION, (float)xDpi);
        tif.SetField(TiffTag.YRESOLUTION, (float)yDpi);
        tif.SetField(TiffTag.RESOLUTIONUNIT, ResUnit.INCH);
        tif.SetField(TiffTag.PAGENUMBER, index, count);
        tif.SetField(TiffTag.SOFTWARE, Software);
        switch (compression)
        {
            case FaxCompression.T4OneDimensional:
                tif.SetField(TiffTag.COMPRESSION, Compression.CCITTFAX3);
                tif.SetField(TiffTag.GROUP3OPTIONS, group3Options ?? Group3Opt.FILLBITS);
                break;
            case FaxCompression.T4TwoDimensional:
                tif.SetField(TiffTag.COMPRESSION, Compression.CCITTFAX3);
                tif.SetField(TiffTag.GROUP3OPTIONS, group3Options ?? (Group3Opt.ENCODING2D | Group3Opt.FILLBITS));
                break;
            case FaxCompression.T6:
                tif.SetField(TiffTag.COMPRESSION, Compression.CCITTFAX4);
                tif.SetField(TiffTag.GROUP4OPTIONS, 0);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(compression));
        }
    }

    /// <summary>Encodes a whole document into TIFF bytes.</summary>
    public static byte[] Encode(string path, IReadOnlyList<FaxPage> pages, FaxCompression compression)
    {
        using var memory = new MemoryStream();
        using (Tiff tif = OpenMemory(path, memory))
        {
            for (int i = 0; i < pages.Count; i++)
            {
                WritePage(path, tif, pages[i], compression, i, pages.Count);
            }

            tif.Flush();
        }

        return memory.ToArray();
    }
}
