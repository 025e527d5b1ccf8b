namespace FaxBox.Fax.Documents;

/// <summary>
/// Fax resolutions (ITU-T T.4 §2.2 and T.30 Table 2 DIS/DCS bits), stored in TIFF as pixels per inch.
/// </summary>
public enum FaxResolution
{
    /// <summary>R8 × 3.85 lines/mm: 204 × 98 dpi.</summary>
    Standard = 1,

    /// <summary>R8 × 7.7 lines/mm: 204 × 196 dpi.</summary>
    Fine = 2,

    /// <summary>R8 × 15.4 lines/mm: 204 × 391 dpi.</summary>
    Superfine = 3,

    /// <summary>300 × 300 dpi (T.4 §2.2 inch-based resolution).</summary>
    Dpi300 = 4,

    /// <summary>400 × 400 dpi (T.4 §2.2 inch-based resolution, R16-class width in pixels).</summary>
    Dpi400 = 5,
}
