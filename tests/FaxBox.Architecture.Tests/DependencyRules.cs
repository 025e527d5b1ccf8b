namespace FaxBox.Architecture.Tests;

/// <summary>Who may reference whom (shared/design/ARCHITECTURE.md, "Projects in firmware/").</summary>
internal static class DependencyRules
{
    /// <summary>Implementation projects: only the composition root (Host) may reference them.</summary>
    public static readonly HashSet<string> Implementations =
    [
        "FaxBox.Fax.SpanDsp", "FaxBox.Fax.Managed", "FaxBox.LineInterface.Hardware", "FaxBox.Mqtt", "FaxBox.Admin",
    ];

    /// <summary>The firmware projects each firmware project may reference. Host may reference everything.</summary>
    public static readonly Dictionary<string, string[]> Allowed = new(StringComparer.Ordinal)
    {
        ["FaxBox.Core"] = [],
        ["FaxBox.Fax"] = ["FaxBox.Core"],
        ["FaxBox.Fax.SpanDsp"] = ["FaxBox.Fax", "FaxBox.Core"],
        ["FaxBox.Fax.Managed"] = ["FaxBox.Fax", "FaxBox.Core"],
        ["FaxBox.Media"] = ["FaxBox.Core"],
        ["FaxBox.Sip"] = ["FaxBox.Core"],
        ["FaxBox.LineInterface"] = ["FaxBox.Fax", "FaxBox.Core"],
        ["FaxBox.LineInterface.Hardware"] = ["FaxBox.LineInterface", "FaxBox.Core"],
        ["FaxBox.CallControl"] = ["FaxBox.Sip", "FaxBox.Media", "FaxBox.Fax", "FaxBox.LineInterface", "FaxBox.Core"],
        ["FaxBox.FaxServer"] = ["FaxBox.CallControl", "FaxBox.Fax", "FaxBox.Core"],
        ["FaxBox.Mqtt"] = ["FaxBox.Core", "FaxBox.FaxServer"],
        ["FaxBox.Admin"] = ["FaxBox.Core", "FaxBox.FaxServer"],
    };
}
