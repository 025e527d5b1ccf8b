using BitMiracle.LibTiff.Classic;
using FaxBox.Fax.Documents;

namespace FaxBox.FaxServer.Documents;

/// <summary>
/// Reads greyscale and colour TIFF pages (anything LibTiff can decode to RGBA: grey, RGB, palette, CMYK, YCbCr, JPEG-
/// or LZW-compressed) as <see cref="GreyImage"/>s, so that <see cref="PictureRasterizer"/> can make fax pages of them.
/// Bilevel TIFFs do not come here: FaxNormalizer handles them without resampling.
/// </summary>
internal static class TiffPictureReader
{
    /// <summary>True when every page of the TIFF is bilevel (one 1-bit sample per pixel).</summary>
    public static bool IsBilevel(FaxDocumentInfo info) =>
        info.Pages.All(p => p.BitsPerSample == 1 && p.SamplesPerPixel == 1);

    /// <summary>
    /// Calls <paramref name="page"/> with each page in turn (at most <paramref name="maxPages"/>); <paramref name="checkSize"/>
    /// sees each page's size before it is decoded.
    /// </summary>
    /// <exception cref="DocumentRejectedException">A page cannot be decoded.</exception>
    public static void ReadPages(string path, string name, Action<int, int> checkSize, Action<GreyImage> page, int maxPages = int.MaxValue)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        using Tiff? tif = Tiff.ClientOpen(name, "r", stream, new TiffStream());
        if (tif is null)
        {
            throw new DocumentRejectedException(name, "is a damaged TIFF file (cannot be opened)");
        }

        int index = 0;
        do
        {
            index++;
            int width = tif.GetField(TiffTag.IMAGEWIDTH)?[0].ToInt() ?? 0;
            int height = tif.GetField(TiffTag.IMAGELENGTH)?[0].ToInt() ?? 0;
            if (width <= 0 || height <= 0)
            {
                throw new DocumentRejectedException(name, $"is a damaged TIFF file (page {index} has no size)");
            }

            checkSize(width, height);
            (double? xDpi, double? yDpi) = Density(tif);
            int[] raster = new int[checked(width * height)];
            bool ok;
            try
            {
                ok = tif.ReadRGBAImageOriented(width, height, raster, Orientation.TOPLEFT, stopOnError: true);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                throw new DocumentRejectedException(name, $"is a damaged or unsupported TIFF file (page {index} cannot be decoded)", ex);
            }

            if (!ok)
            {
                throw new DocumentRejectedException(name, $"is a damaged or unsupported TIFF file (page {index} cannot be decoded)");
            }

            var image = new GreyImage(width, height, xDpi, yDpi);
            for (int i = 0; i < raster.Length; i++)
            {
                int p = raster[i];
                byte grey = PngDecoder.Luma(Tiff.GetR(p), Tiff.GetG(p), Tiff.GetB(p));
                int a = Tiff.GetA(p);
                image.Pixels[i] = (byte)(((grey * a) + (255 * (255 - a)) + 127) / 255);
            }

            page(image);
        }
        while (index < maxPages && tif.ReadDirectory());
    }

    private static (double?, double?) Density(Tiff tif)
    {
        float? x = tif.GetField(TiffTag.XRESOLUTION)?[0].ToFloat();
        float? y = tif.GetField(TiffTag.YRESOLUTION)?[0].ToFloat();
        var unit = (ResUnit)(tif.GetField(TiffTag.RESOLUTIONUNIT)?[0].ToInt() ?? (int)ResUnit.INCH);
        double factor = unit switch { ResUnit.INCH => 1, ResUnit.CENTIMETER => 2.54, _ => 0 };
        return factor > 0 && x is > 0 && y is > 0 ? (x * factor, y * factor) : (null, null);
    }
}
