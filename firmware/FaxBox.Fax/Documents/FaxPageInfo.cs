namespace FaxBox.Fax.Documents;

/// <summary>What <see cref="FaxDocument.Inspect"/> found out about one TIFF directory.</summary>
public sealed class FaxPageInfo
{
    private FaxPageInfo(int index, TiffPageHeader h, List<string> reasons)
    {
        Index = index;
        Width = h.Width;
        Height = h.Height;
        XDpi = h.XDpi;
        YDpi = h.YDpi;
        Resolution = h.XDpi is { } x && h.YDpi is { } y ? FaxResolutionExtensions.FromDpi(x, y) : null;
        Compression = h.CompressionName;
        FaxCompression = h.FaxCompression;
        Photometric = h.PhotometricName;
        FillOrder = h.FillOrder == BitMiracle.LibTiff.Classic.FillOrder.LSB2MSB ? "lsb-to-msb" : "msb-to-lsb";
        BitsPerSample = h.BitsPerSample;
        SamplesPerPixel = h.SamplesPerPixel;
        Strips = h.Strips;
        Reasons = reasons;
    }

    /// <summary>Zero-based page index.</summary>
    public int Index { get; }

    /// <summary>Width in pixels.</summary>
    public int Width { get; }

    /// <summary>Height in rows.</summary>
    public int Height { get; }

    /// <summary>Horizontal resolution in pixels per inch, or null when the tags are missing.</summary>
    public double? XDpi { get; }

    /// <summary>Vertical resolution in lines per inch, or null when the tags are missing.</summary>
    public double? YDpi { get; }

    /// <summary>The matching fax resolution (±5 %), or null.</summary>
    public FaxResolution? Resolution { get; }

    /// <summary>Compression name, e.g. "T.4 2-D (MR)".</summary>
    public string Compression { get; }

    /// <summary>The fax coding, or null when the data are not MH, MR or MMR.</summary>
    public FaxCompression? FaxCompression { get; }

    /// <summary>Photometric interpretation, e.g. "min-is-white".</summary>
    public string Photometric { get; }

    /// <summary>"msb-to-lsb" or "lsb-to-msb".</summary>
    public string FillOrder { get; }

    /// <summary>Bits per sample.</summary>
    public int BitsPerSample { get; }

    /// <summary>Samples per pixel.</summary>
    public int SamplesPerPixel { get; }

    /// <summary>Number of strips (0 for tiled images).</summary>
    public int Strips { get; }

    /// <summary>
    /// True when the page can be sent without conversion: bilevel, not tiled, a resolution of the R8 class
    /// (204 × 98/196/391 dpi within ±5 %), and a T.4 width of exactly 1728, 2048 or 2432 pixels. Any
    /// compression LibTiff decodes is fine, as is MinIsBlack or either FillOrder (the sender re-encodes).
    /// </summary>
    public bool IsSendable => Reasons.Count == 0;

    /// <summary>Why the page cannot be sent as is; empty when <see cref="IsSendable"/>.</summary>
    public IReadOnlyList<string> Reasons { get; }

    internal static FaxPageInfo FromHeader(int index, TiffPageHeader h)
    {
        List<string> reasons = h.DecodeProblems(requireResolution: true);
        if (h.IsBilevel && h.Compression is BitMiracle.LibTiff.Classic.Compression.JPEG or BitMiracle.LibTiff.Classic.Compression.OJPEG)
        {
            reasons.Add("JPEG compression is not bilevel");
        }

        if (h.XDpi is { } x && h.YDpi is { } y && reasons.Count == 0)
        {
            FaxResolution? r = FaxResolutionExtensions.FromDpi(x, y);
            if (r is null)
            {
                reasons.Add(FormattableString.Invariant($"resolution {x:0.##}x{y:0.##} dpi is not a fax resolution"));
            }
            else if (r is FaxResolution.Dpi300 or FaxResolution.Dpi400)
            {
                reasons.Add(FormattableString.Invariant($"resolution {x:0.##}x{y:0.##} dpi needs the receiver to support it; use 204 dpi"));
            }
            else if (!r.Value.T4Widths().Contains(h.Width))
            {
                reasons.Add($"width {h.Width} is not a T.4 width (1728, 2048 or 2432)");
            }
        }

        return new FaxPageInfo(index, h, reasons);
    }
}
