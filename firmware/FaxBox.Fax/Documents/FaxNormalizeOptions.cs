namespace FaxBox.Fax.Documents;

/// <summary>Options for <see cref="FaxNormalizer"/>.</summary>
public sealed class FaxNormalizeOptions
{
    /// <summary>Output coding. Default <see cref="FaxCompression.T4TwoDimensional"/> (MR), which every G3 receiver accepts.</summary>
    public FaxCompression Compression { get; set; } = FaxCompression.T4TwoDimensional;

    /// <summary>Output width in pixels at 204 dpi: 1728 (A4), 2048 (B4) or 2432 (A3). Default 1728.</summary>
    public int Width { get; set; } = 1728;

    /// <summary>
    /// Output resolution: Standard, Fine or Superfine. Default null: keep the page's own R8 resolution class
    /// when it has one, otherwise standard for sources below 150 lines per inch and fine for everything else.
    /// </summary>
    public FaxResolution? Resolution { get; set; }

    /// <summary>
    /// Copy the compressed strips unchanged (only bit-reversed when FillOrder is LSB2MSB) when a page already has
    /// the output width, resolution class, coding and MinIsWhite. Default true.
    /// </summary>
    public bool AllowRawCopy { get; set; } = true;
}
