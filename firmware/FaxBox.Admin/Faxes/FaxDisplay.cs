using System.Globalization;
using FaxBox.Core.Status;

namespace FaxBox.Admin.Faxes;

/// <summary>How the pages word status values; dashboard.js words the live updates the same way.</summary>
internal static class FaxDisplay
{
    /// <summary>An enum value as the JSON shows it (camelCase): "idle", "connected".</summary>
    public static string Name<T>(T value)
        where T : struct, Enum
    {
        var text = value.ToString();
        return text.Length == 0 ? text : char.ToLowerInvariant(text[0]) + text[1..];
    }

    /// <summary>"FXS" or "FXO".</summary>
    public static string Kind(PortKind kind) => kind.ToString().ToUpperInvariant();

    /// <summary>"T.38", "G.711", "voice" or "none".</summary>
    public static string Mode(CallMediaMode mode) => mode switch
    {
        CallMediaMode.T38 => "T.38",
        CallMediaMode.G711Fax => "G.711",
        CallMediaMode.Voice => "voice",
        _ => "none",
    };

    /// <summary>A T.30 step in words: "negotiated 14400 bit/s ECM", "page 2 done", "ended after 3 pages".</summary>
    public static string Progress(FaxProgress p)
    {
        ArgumentNullException.ThrowIfNull(p);
        var rate = p.BitRate > 0 ? $", {p.BitRate.ToString(CultureInfo.InvariantCulture)} bit/s{(p.Ecm ? " ECM" : string.Empty)}" : string.Empty;
        return p.Phase switch
        {
            "B" => "negotiated" + rate,
            "D" => $"page {p.Pages} done{rate}",
            "E" => $"ended after {p.Pages} page(s)",
            _ => p.Phase,
        };
    }

    /// <summary>A time as the pages show it: "2026-11-24 12:03:07 UTC".</summary>
    public static string Time(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + " UTC";

    /// <summary>A duration: "1:05" or "42.0 s".</summary>
    public static string Duration(TimeSpan t) => t.TotalSeconds < 60
        ? t.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture) + " s"
        : $"{(int)t.TotalMinutes}:{t.Seconds:00}";
}
