namespace FaxBox.Fax.Documents;

/// <summary>Pixel densities and T.4 widths for <see cref="FaxResolution"/>.</summary>
public static class FaxResolutionExtensions
{
    /// <summary>Relative tolerance used to recognise a resolution (±5 %, as spandsp's <c>t4_tx.c</c> does).</summary>
    public const double Tolerance = 0.05;

    /// <summary>Horizontal density in pixels per inch (204 for the R8 resolutions).</summary>
    public static double XDpi(this FaxResolution resolution) => resolution switch
    {
        FaxResolution.Standard or FaxResolution.Fine or FaxResolution.Superfine => 204,
        FaxResolution.Dpi300 => 300,
        FaxResolution.Dpi400 => 400,
        _ => throw new ArgumentOutOfRangeException(nameof(resolution)),
    };

    /// <summary>Vertical density in lines per inch (3.85/7.7/15.4 lines/mm rounded to 98/196/391).</summary>
    public static double YDpi(this FaxResolution resolution) => resolution switch
    {
        FaxResolution.Standard => 98,
        FaxResolution.Fine => 196,
        FaxResolution.Superfine => 391,
        FaxResolution.Dpi300 => 300,
        FaxResolution.Dpi400 => 400,
        _ => throw new ArgumentOutOfRangeException(nameof(resolution)),
    };

    /// <summary>
    /// T.4 §2.2 scan-line lengths in pixels for A4, B4 and A3 at this resolution
    /// (1728/2048/2432 for R8, 2592/3072/3648 at 300 dpi, 3456/4096/4864 at 400 dpi).
    /// </summary>
    public static IReadOnlyList<int> T4Widths(this FaxResolution resolution) => resolution switch
    {
        FaxResolution.Dpi300 => [2592, 3072, 3648],
        FaxResolution.Dpi400 => [3456, 4096, 4864],
        _ => [1728, 2048, 2432],
    };

    /// <summary>Rows of an A4 page (297 mm) at this resolution: 1143, 2286, 4572, 3508, 4677.</summary>
    public static int A4Rows(this FaxResolution resolution) => resolution switch
    {
        FaxResolution.Standard => 1143,
        FaxResolution.Fine => 2286,
        FaxResolution.Superfine => 4572,
        FaxResolution.Dpi300 => 3508,
        FaxResolution.Dpi400 => 4677,
        _ => throw new ArgumentOutOfRangeException(nameof(resolution)),
    };

    /// <summary>
    /// Recognises a resolution from densities in dots per inch, each within ±5 %; null when none matches.
    /// 200 × 100 and 200 × 200 dpi therefore count as standard and fine, as they do on the line.
    /// </summary>
    public static FaxResolution? FromDpi(double xDpi, double yDpi)
    {
        foreach (var r in Enum.GetValues<FaxResolution>())
        {
            if (Near(xDpi, r.XDpi()) && Near(yDpi, r.YDpi()))
            {
                return r;
            }
        }

        return null;
    }

    /// <summary>Parses "standard", "fine", "superfine", "300", "400" (case-insensitive).</summary>
    public static bool TryParse(string? text, out FaxResolution resolution)
    {
        switch (text?.Trim().ToUpperInvariant())
        {
            case "STANDARD": resolution = FaxResolution.Standard; return true;
            case "FINE": resolution = FaxResolution.Fine; return true;
            case "SUPERFINE": resolution = FaxResolution.Superfine; return true;
            case "300" or "DPI300": resolution = FaxResolution.Dpi300; return true;
            case "400" or "DPI400": resolution = FaxResolution.Dpi400; return true;
            default: resolution = default; return false;
        }
    }

    internal static bool Near(double value, double nominal) =>
        Math.Abs(value - nominal) <= nominal * Tolerance;
}
