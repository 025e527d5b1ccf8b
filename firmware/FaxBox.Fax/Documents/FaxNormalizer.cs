using System.Globalization;
using BitMiracle.LibTiff.Classic;

namespace FaxBox.Fax.Documents;

/// <summary>
/// Turns any bilevel TIFF into one that can be sent as is (see <see cref="FaxPageInfo.IsSendable"/>):
/// a T.4 width at 204 dpi, a standard/fine/superfine vertical resolution, MinIsWhite, FillOrder MSB2LSB,
/// coded MH, MR or MMR.
/// </summary>
/// <remarks>
/// Per page:
/// <list type="bullet">
/// <item>Missing resolution tags: see <see cref="FaxDocument.AssumedResolution"/>.</item>
/// <item>A page whose horizontal density is within ±5 % of 204 dpi (so 200 dpi too) is taken as 204 dpi, and one
/// whose vertical density is within ±5 % of 98/196/391 as that class, without resampling (as spandsp does).</item>
/// <item>Other pages are resampled to 204 dpi keeping their physical size; a page wider than the output width
/// is reduced to fit it (a 2550-pixel 300-dpi letter page becomes 1728 pixels), keeping its aspect ratio.</item>
/// <item>A narrower page is centred on white (1700 → 1728 adds 14 columns each side).</item>
/// <item>MinIsBlack is inverted; LSB2MSB data are decoded by LibTiff (or bit-reversed when copied raw).</item>
/// <item>Colour or greyscale input is rejected: rasterising is not this class's job.</item>
/// </list>
/// </remarks>
public static class FaxNormalizer
{
    /// <summary>Writes a sendable copy of <paramref name="inputPath"/> to <paramref name="outputPath"/> (atomically).</summary>
    /// <exception cref="FaxDocumentException">The input is unreadable or not bilevel, or the output cannot be written.</exception>
    public static FaxNormalizationResult Normalize(string inputPath, string outputPath, FaxNormalizeOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(inputPath);
        return Normalize([inputPath], outputPath, options);
    }

    /// <summary>
    /// Writes one sendable document (atomically) made of the pages of <paramref name="inputPaths"/> in order, each
    /// page normalised as by <see cref="Normalize(string, string, FaxNormalizeOptions?)"/> and numbered in the joined
    /// document (a cover page followed by the job's pages, or several submitted files).
    /// </summary>
    /// <exception cref="FaxDocumentException">An input is unreadable or not bilevel (the exception names it), or the output cannot be written.</exception>
    public static FaxNormalizationResult Normalize(IReadOnlyList<string> inputPaths, string outputPath, FaxNormalizeOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(inputPaths);
        ArgumentNullException.ThrowIfNull(outputPath);
        if (inputPaths.Count == 0)
        {
            throw new ArgumentException("at least one input is needed", nameof(inputPaths));
        }

        options ??= new FaxNormalizeOptions();
        if (options.Width is not (1728 or 2048 or 2432))
        {
            throw new ArgumentOutOfRangeException(nameof(options), "Width must be 1728, 2048 or 2432");
        }

        if (options.Resolution is not (null or FaxResolution.Standard or FaxResolution.Fine or FaxResolution.Superfine))
        {
            throw new ArgumentOutOfRangeException(nameof(options), "Resolution must be Standard, Fine or Superfine");
        }

        int count = 0;
        foreach (string inputPath in inputPaths)
        {
            count += TiffGuard.Run(inputPath, () =>
            {
                using Tiff input = TiffGuard.OpenRead(inputPath);
                return (int)input.NumberOfDirectories();
            });
        }

        var actions = new List<string>();
        int raw = 0;
        byte[] bytes = TiffGuard.Run(outputPath, () =>
        {
            using var memory = new MemoryStream();
            using (Tiff output = TiffFaxWriter.OpenMemory(outputPath, memory))
            {
                int index = 0;
                foreach (string inputPath in inputPaths)
                {
                    index = TiffGuard.Run(inputPath, () =>
                    {
                        using Tiff input = TiffGuard.OpenRead(inputPath);
                        int next = index;
                        do
                        {
                            var header = TiffPageHeader.Read(input);
                            string action = NormalizePage(inputPath, outputPath, input, output, header, next, count, options, out bool copied);
                            actions.Add($"page {next + 1}: {action}");
                            raw += copied ? 1 : 0;
                            next++;
                        }
                        while (input.ReadDirectory());

                        return next;
                    });
                }
            }

            return memory.ToArray();
        });

        AtomicFile.WriteAllBytes(outputPath, bytes);
        return new FaxNormalizationResult(actions, raw);
    }

    private static string NormalizePage(
        string inputPath, string outputPath, Tiff input, Tiff output, TiffPageHeader header, int index, int count, FaxNormalizeOptions options, out bool copied)
    {
        copied = false;
        List<string> problems = header.DecodeProblems(requireResolution: false);
        if (problems.Count > 0)
        {
            throw new FaxDocumentException(inputPath, $"page {index + 1}: {string.Join("; ", problems)}");
        }

        (double xDpi, double yDpi) = header.XDpi is { } hx && header.YDpi is { } hy
            ? (hx, hy)
            : FaxDocument.AssumedResolution(header.Width, header.Height);
        bool r8x = FaxResolutionExtensions.Near(xDpi, 204);
        FaxResolution? sourceClass = r8x ? FaxResolutionExtensions.FromDpi(204, yDpi) : null;
        FaxResolution target = options.Resolution ?? sourceClass ?? (yDpi < 150 ? FaxResolution.Standard : FaxResolution.Fine);
        string from = string.Create(CultureInfo.InvariantCulture, $"{header.Width}x{header.Height} {xDpi:0.##}x{yDpi:0.##} dpi");

        if (options.AllowRawCopy
            && sourceClass == target
            && header.Width == options.Width
            && header.Photometric == Photometric.MINISWHITE
            && header.FaxCompression == options.Compression
            && (header.Group3Options & Group3Opt.UNCOMPRESSED) == 0
            && header.Strips > 0)
        {
            CopyRaw(inputPath, outputPath, input, output, header, target, index, count, options.Compression);
            copied = true;
            return $"{from} -> copied compressed strips" + (header.FillOrder == FillOrder.LSB2MSB ? " (bit order reversed)" : string.Empty);
        }

        FaxPage page = TiffFaxReader.ReadPage(inputPath, input, header, index);
        var steps = new List<string>();
        if (header.Photometric == Photometric.MINISBLACK)
        {
            steps.Add("inverted");
        }

        double xNominal = r8x ? 204 : xDpi;
        double yNominal = sourceClass?.YDpi() ?? yDpi;
        double naturalWidth = header.Width * 204 / xNominal;
        double k = naturalWidth > options.Width ? options.Width / naturalWidth : 1.0;
        int newWidth = Math.Clamp((int)Math.Round(naturalWidth * k), 1, options.Width);
        int newHeight = Math.Max(1, (int)Math.Round(header.Height * target.YDpi() / yNominal * k));
        if (newWidth != page.Width || newHeight != page.Height)
        {
            page = BilevelScaler.Scale(page, newWidth, newHeight, 204, target.YDpi());
            steps.Add($"scaled to {newWidth}x{newHeight}");
        }

        if (page.Width < options.Width)
        {
            page = BilevelScaler.PadCentred(page, options.Width, 204, target.YDpi());
            steps.Add($"padded to {options.Width}");
        }

        var fixedPage = new FaxPage(page.Width, page.Height, target);
        page.Bits.CopyTo(fixedPage.Bits);
        TiffFaxWriter.WritePage(outputPath, output, fixedPage, options.Compression, index, count);
        steps.Add("re-encoded");
        return $"{from} -> {string.Join(", ", steps)}";
    }

    private static void CopyRaw(
        string inputPath, string outputPath, Tiff input, Tiff output, TiffPageHeader header, FaxResolution target, int index, int count, FaxCompression compression)
    {
        TiffFaxWriter.WriteTags(output, header.Width, header.Height, target.XDpi(), target.YDpi(), compression, header.RowsPerStrip, index, count, header.Group3Options);
        for (int strip = 0; strip < header.Strips; strip++)
        {
            byte[] data = ReadRawStrip(inputPath, input, strip);
            if (header.FillOrder == FillOrder.LSB2MSB)
            {
                BitReversal.ReverseInPlace(data);
            }

            if (output.WriteRawStrip(strip, data, data.Length) < 0)
            {
                throw TiffGuard.Fail(outputPath, $"page {index + 1}: cannot write strip {strip}");
            }
        }

        if (!output.WriteDirectory())
        {
            throw TiffGuard.Fail(outputPath, $"page {index + 1}: cannot write directory");
        }
    }

    /// <summary>Reads one strip's compressed bytes as stored in the file.</summary>
    internal static byte[] ReadRawStrip(string path, Tiff tif, int strip)
    {
        long size = tif.RawStripSize(strip);
        if (size is <= 0 or > int.MaxValue)
        {
            throw TiffGuard.Fail(path, $"bad size of strip {strip}");
        }

        byte[] data = new byte[size];
        int n = tif.ReadRawStrip(strip, data, 0, data.Length);
        if (n != data.Length)
        {
            throw TiffGuard.Fail(path, $"cannot read strip {strip} (truncated file?)");
        }

        return data;
    }
}
