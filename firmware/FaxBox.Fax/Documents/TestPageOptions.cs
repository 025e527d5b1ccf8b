namespace FaxBox.Fax.Documents;

/// <summary>Options for <see cref="TestPageGenerator"/>. The same options always give the same bytes.</summary>
public sealed class TestPageOptions
{
    /// <summary>Number of pages, 1…999. Default 1.</summary>
    public int Pages { get; set; } = 1;

    /// <summary>Resolution. Default <see cref="FaxResolution.Fine"/> (204 × 196).</summary>
    public FaxResolution Resolution { get; set; } = FaxResolution.Fine;

    /// <summary>Station identification printed in the header line, at most 20 characters. Default "FAXBOX".</summary>
    public string StationIdent { get; set; } = "FAXBOX";

    /// <summary>
    /// Date and time printed in the header line. Default 2000-01-01 00:00, fixed so that output is reproducible;
    /// pass the current time for a real transmission.
    /// </summary>
    public DateTime Timestamp { get; set; } = new(2000, 1, 1, 0, 0, 0, DateTimeKind.Unspecified);

    /// <summary>Width in pixels. Default null: the A4 T.4 width for the resolution (1728 at 204 dpi).</summary>
    public int? Width { get; set; }

    /// <summary>Height in rows. Default null: A4 length, 297 mm (1143 standard, 2286 fine, 4572 superfine).</summary>
    public int? Height { get; set; }

    /// <summary>Coding of the written TIFF. Default <see cref="FaxCompression.T4TwoDimensional"/> (MR).</summary>
    public FaxCompression Compression { get; set; } = FaxCompression.T4TwoDimensional;
}
