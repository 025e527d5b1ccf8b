using System.Globalization;
using BitMiracle.LibTiff.Classic;

namespace FaxBox.Fax.Documents;

/// <summary>
/// Exports a fax TIFF to PDF 1.4, one page per TIFF directory, each an image XObject with
/// <c>/Filter /CCITTFaxDecode</c> (PDF Reference 1.4 §3.3.5) holding the TIFF's own coded data where possible.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item>T.6 (MMR) in one strip: embedded as is, <c>/K -1</c>.</item>
/// <item>T.4 1-D (MH) or 2-D (MR), one or more strips: the strips are concatenated (each strip starts with an
/// EOL and a 1-D line, so they join into one valid T.4 stream), <c>/K 0</c> or <c>/K 4</c>. Zero fill bits
/// before EOLs are T.4 §4.1.3 fill, which the filter accepts with <c>/EncodedByteAlign false</c>.</item>
/// <item>FillOrder LSB2MSB data are bit-reversed, because the filter reads the most significant bit first.</item>
/// <item><c>/EndOfBlock false</c> with <c>/Rows</c> = image length, so RTC/EOFB are not required.</item>
/// <item>Everything else (T.6 in several strips, MinIsBlack, other compressions, uncompressed-mode G3) is
/// decoded and re-encoded as T.6 with LibTiff.</item>
/// </list>
/// The page size is the image size at its resolution (1728 px at 204 dpi = 609.88 pt wide).
/// </remarks>
public static class FaxPdfExporter
{
    /// <summary>Writes <paramref name="pdfPath"/> (atomically) from the pages of <paramref name="tiffPath"/>.</summary>
    /// <exception cref="FaxDocumentException">The TIFF is unreadable or not bilevel, or the PDF cannot be written.</exception>
    public static FaxPdfExportResult Export(string tiffPath, string pdfPath)
    {
        ArgumentNullException.ThrowIfNull(tiffPath);
        ArgumentNullException.ThrowIfNull(pdfPath);
        var images = TiffGuard.Run(tiffPath, () =>
        {
            using Tiff tif = TiffGuard.OpenRead(tiffPath);
            var list = new List<CcittImage>();
            do
            {
                list.Add(ReadImage(tiffPath, tif, TiffPageHeader.Read(tif), list.Count));
            }
            while (tif.ReadDirectory());

            return list;
        });

        using var memory = new MemoryStream();
        WritePdf(memory, images);
        AtomicFile.WriteAllBytes(pdfPath, memory.GetBuffer().AsSpan(0, (int)memory.Length));
        return new FaxPdfExportResult(images.Count, images.Count(i => i.AsIs));
    }

    private static CcittImage ReadImage(string path, Tiff tif, TiffPageHeader h, int index)
    {
        List<string> problems = h.DecodeProblems(requireResolution: false);
        if (problems.Count > 0)
        {
            throw new FaxDocumentException(path, $"page {index + 1}: {string.Join("; ", problems)}");
        }

        (double xDpi, double yDpi) = h.XDpi is { } x && h.YDpi is { } y ? (x, y) : FaxDocument.AssumedResolution(h.Width, h.Height);
        bool minIsWhite = h.Photometric is Photometric.MINISWHITE;
        bool g3 = h.Compression == Compression.CCITTFAX3 && (h.Group3Options & Group3Opt.UNCOMPRESSED) == 0;
        bool g4 = h.Compression == Compression.CCITTFAX4 && h.Strips == 1;
        if (minIsWhite && (g3 || g4) && h.Strips > 0)
        {
            using var data = new MemoryStream();
            for (int s = 0; s < h.Strips; s++)
            {
                data.Write(FaxNormalizer.ReadRawStrip(path, tif, s));
            }

            byte[] bytes = data.ToArray();
            if (h.FillOrder == FillOrder.LSB2MSB)
            {
                BitReversal.ReverseInPlace(bytes);
            }

            int k = g4 ? -1 : (h.Group3Options & Group3Opt.ENCODING2D) != 0 ? 4 : 0;
            return new CcittImage(h.Width, h.Height, xDpi, yDpi, k, bytes, AsIs: true);
        }

        FaxPage page = TiffFaxReader.ReadPage(path, tif, h, index);
        return new CcittImage(h.Width, h.Height, xDpi, yDpi, -1, EncodeT6(path, page), AsIs: false);
    }

    /// <summary>Encodes one page as T.6 with LibTiff and returns the coded strip.</summary>
    private static byte[] EncodeT6(string path, FaxPage page)
    {
        byte[] tiff = TiffFaxWriter.Encode(path, [page], FaxCompression.T6);
        using var stream = new MemoryStream(tiff);
        using Tiff tif = Tiff.ClientOpen(path, "r", stream, new TiffStream()) ?? throw TiffGuard.Fail(path, "cannot re-read T.6 data");
        return FaxNormalizer.ReadRawStrip(path, tif, 0);
    }

    private static void WritePdf(Stream output, List<CcittImage> images)
    {
        var pdf = new PdfWriter(output);
        int catalog = pdf.Reserve();
        int pagesId = pdf.Reserve();
        int info = pdf.Reserve();
        var pageIds = new List<int>();
        foreach (var image in images)
        {
            int pageId = pdf.Reserve();
            int contentId = pdf.Reserve();
            int imageId = pdf.Reserve();
            pageIds.Add(pageId);
            string w = PdfWriter.Number(image.Width * 72.0 / image.XDpi);
            string h = PdfWriter.Number(image.Height * 72.0 / image.YDpi);
            pdf.WriteObject(pageId, $"<< /Type /Page /Parent {pagesId} 0 R /MediaBox [0 0 {w} {h}] /Resources << /XObject << /Im0 {imageId} 0 R >> >> /Contents {contentId} 0 R >>");
            pdf.WriteStream(contentId, string.Empty, System.Text.Encoding.ASCII.GetBytes($"q {w} 0 0 {h} 0 0 cm /Im0 Do Q"));
            string parms = string.Create(CultureInfo.InvariantCulture,
                $"<< /K {image.K} /Columns {image.Width} /Rows {image.Height} /BlackIs1 false /EncodedByteAlign false /EndOfBlock false >>");
            pdf.WriteStream(imageId,
                string.Create(CultureInfo.InvariantCulture, $"/Type /XObject /Subtype /Image /Width {image.Width} /Height {image.Height} /ColorSpace /DeviceGray /BitsPerComponent 1 /Filter /CCITTFaxDecode /DecodeParms {parms}"),
                image.Data);
        }

        pdf.WriteObject(pagesId, $"<< /Type /Pages /Kids [{string.Join(" ", pageIds.Select(id => $"{id} 0 R"))}] /Count {pageIds.Count} >>");
        pdf.WriteObject(catalog, $"<< /Type /Catalog /Pages {pagesId} 0 R >>");
        pdf.WriteObject(info, "<< /Producer (FaxBox) >>");
        pdf.Finish(catalog, info);
    }

    private sealed record CcittImage(int Width, int Height, double XDpi, double YDpi, int K, byte[] Data, bool AsIs);
}
