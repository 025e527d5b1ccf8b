using FaxBox.Fax.Documents;

namespace FaxBox.FaxServer.Documents;

/// <summary>
/// Turns a greyscale picture into one fax page: a landscape picture is turned a quarter turn anticlockwise (as
/// Ghostscript fits landscape PDF pages); a picture that states its density keeps its physical size when it fits the
/// paper and is reduced to fit otherwise; one that does not is scaled to fill the paper's width (or length). The
/// picture is resampled by area averaging, made black and white by threshold or Floyd–Steinberg error diffusion, and
/// placed centred across the 1728-pixel width at the top of a full-length page.
/// </summary>
internal static class PictureRasterizer
{
    /// <summary>The fax page width in pixels (T.4 §2.2, A4 at R8).</summary>
    public const int PageWidth = 1728;

    /// <summary>Horizontal density of every fax page.</summary>
    public const double XDpi = 204;

    /// <summary>Rows of a full page of <paramref name="paper"/> at <paramref name="resolution"/>.</summary>
    public static int PageRows(PaperSize paper, FaxResolution resolution) =>
        (int)Math.Round((paper == PaperSize.Letter ? 11.0 : 297 / 25.4) * resolution.YDpi());

    public static FaxPage Rasterize(GreyImage picture, PaperSize paper, FaxResolution resolution, ImageConversion conversion, int threshold)
    {
        if (picture.Width > picture.Height)
        {
            picture = picture.RotateAnticlockwise();
        }

        double yDpi = resolution.YDpi();
        int rows = PageRows(paper, resolution);
        double pageWidthIn = PageWidth / XDpi, pageHeightIn = rows / yDpi;
        double widthIn, heightIn;
        if (picture.XDpi is { } px && picture.YDpi is { } py)
        {
            widthIn = picture.Width / px;
            heightIn = picture.Height / py;
            double reduce = Math.Min(1, Math.Min(pageWidthIn / widthIn, pageHeightIn / heightIn));
            widthIn *= reduce;
            heightIn *= reduce;
        }
        else
        {
            // Unknown density: square pixels, as large as the paper allows.
            double fit = Math.Min(pageWidthIn / picture.Width, pageHeightIn / picture.Height);
            widthIn = picture.Width * fit;
            heightIn = picture.Height * fit;
        }

        int outWidth = Math.Clamp((int)Math.Round(widthIn * XDpi), 1, PageWidth);
        int outHeight = Math.Clamp((int)Math.Round(heightIn * yDpi), 1, rows);
        byte[] grey = Resample(picture, outWidth, outHeight);
        var page = new FaxPage(PageWidth, rows, resolution);
        int left = (PageWidth - outWidth) / 2;
        if (conversion == ImageConversion.Dither)
        {
            Diffuse(grey, outWidth, outHeight);
            threshold = 128;
        }

        for (int y = 0; y < outHeight; y++)
        {
            for (int x = 0; x < outWidth; x++)
            {
                if (grey[(y * outWidth) + x] < threshold)
                {
                    page.SetPixel(left + x, y, true);
                }
            }
        }

        return page;
    }

    /// <summary>Area-average resampling to <paramref name="width"/> × <paramref name="height"/> (box filter, exact overlaps).</summary>
    public static byte[] Resample(GreyImage source, int width, int height)
    {
        var xs = Contributions(source.Width, width);
        double sy = (double)source.Height / height;
        double[] acc = new double[width];
        byte[] result = new byte[width * height];
        double area = ((double)source.Width / width) * sy;
        for (int j = 0; j < height; j++)
        {
            Array.Clear(acc);
            double start = j * sy, end = (j + 1) * sy;
            for (int s = (int)Math.Floor(start); s < Math.Min(source.Height, (int)Math.Ceiling(end)); s++)
            {
                double wy = Math.Min(end, s + 1) - Math.Max(start, s);
                if (wy <= 1e-12)
                {
                    continue;
                }

                ReadOnlySpan<byte> row = source.Row(s);
                for (int i = 0; i < width; i++)
                {
                    double sum = 0;
                    foreach ((int col, double wx) in xs[i])
                    {
                        sum += row[col] * wx;
                    }

                    acc[i] += sum * wy;
                }
            }

            for (int i = 0; i < width; i++)
            {
                result[(j * width) + i] = (byte)Math.Clamp(Math.Round(acc[i] / area), 0, 255);
            }
        }

        return result;
    }

    /// <summary>Floyd–Steinberg error diffusion in place; afterwards every pixel is 0 or 255.</summary>
    private static void Diffuse(byte[] grey, int width, int height)
    {
        int[] current = new int[width + 2], next = new int[width + 2];
        for (int y = 0; y < height; y++)
        {
            Array.Clear(next);
            for (int x = 0; x < width; x++)
            {
                int old = Math.Clamp(grey[(y * width) + x] + (current[x + 1] >> 4), 0, 255);
                int chosen = old < 128 ? 0 : 255;
                int error = old - chosen;
                grey[(y * width) + x] = (byte)chosen;
                current[x + 2] += error * 7;
                next[x] += error * 3;
                next[x + 1] += error * 5;
                next[x + 2] += error;
            }

            (current, next) = (next, current);
        }
    }

    private static (int Index, double Weight)[][] Contributions(int sourceLength, int destLength)
    {
        var result = new (int, double)[destLength][];
        double scale = (double)sourceLength / destLength;
        for (int i = 0; i < destLength; i++)
        {
            double start = i * scale, end = (i + 1) * scale;
            var list = new List<(int, double)>(3);
            for (int s = (int)Math.Floor(start); s < Math.Min(sourceLength, (int)Math.Ceiling(end)); s++)
            {
                double w = Math.Min(end, s + 1) - Math.Max(start, s);
                if (w > 1e-12)
                {
                    list.Add((s, w));
                }
            }

            result[i] = [.. list];
        }

        return result;
    }
}
