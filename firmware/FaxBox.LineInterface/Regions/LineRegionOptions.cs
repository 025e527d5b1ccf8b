namespace FaxBox.LineInterface.Regions;

/// <summary>Which regional signalling the line ports follow; bound from <c>FaxBox:Line</c>.</summary>
public sealed class LineRegionOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "FaxBox:Line";

    /// <summary>The region code (US, UK, DE, FR, IT, NL, AU, JP). Default "US".</summary>
    public string Region { get; set; } = "US";

    /// <summary>A region table file replacing the built-in one (same JSON shape as the built-in regions.json). Default none.</summary>
    public string? RegionFile { get; set; }

    /// <summary>Resolves the configured region; throws with the file, region and key on bad data.</summary>
    public LineRegion Resolve() => (RegionFile is null ? LineRegions.BuiltIn : LineRegions.LoadFile(RegionFile)).Get(Region);
}
