using System.Globalization;
using System.Net;
using System.Text;
using FaxBox.Core.Status;

namespace FaxBox.Admin.Faxes;

/// <summary>
/// Draws a fax call's T.30 frames (<see cref="FaxRecord.T30Frames"/>) as a ladder diagram, server-side, as inline SVG:
/// the box's side on the left, the far end on the right, one arrow per frame from its sender to the other side, going
/// down in time, labelled with the T.30 mnemonic (ITU-T T.30 Table 1) and the media time. Every text is escaped; the
/// drawing has a title and each arrow a tooltip with the frame's octets (none for ECM image frames, which are not kept).
/// </summary>
internal static class T30LadderSvg
{
    /// <summary>Drawing width in SVG units (it scales to the page width).</summary>
    public const int Width = 640;

    /// <summary>Vertical space per frame.</summary>
    public const int RowHeight = 26;

    /// <summary>x of the box's lane.</summary>
    public const int LocalX = 170;

    /// <summary>x of the far end's lane.</summary>
    public const int RemoteX = 560;

    private const int Top = 56;
    private const string LocalColour = "#0b5cad";
    private const string RemoteColour = "#1a7f37";

    /// <summary>
    /// The SVG element for <paramref name="frames"/>; <paramref name="localLabel"/> and <paramref name="remoteLabel"/> name
    /// the lanes; <paramref name="id"/> (letters, digits, '-') prefixes the element ids, unique per page.
    /// </summary>
    public static string Render(IReadOnlyList<T30FrameEntry> frames, int omitted, string localLabel, string remoteLabel, string id = "ladder")
    {
        id = new string([.. id.Where(c => char.IsAsciiLetterOrDigit(c) || c == '-')]);
        ArgumentNullException.ThrowIfNull(frames);
        var height = Top + (frames.Count * RowHeight) + (omitted > 0 ? RowHeight : 0) + 20;
        var svg = new StringBuilder(256 + (frames.Count * 320));
        var inv = CultureInfo.InvariantCulture;
        svg.Append(inv, $"<svg class=\"ladder\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {Width} {height}\" width=\"{Width}\" height=\"{height}\" role=\"img\" aria-labelledby=\"{id}-title\">");
        svg.Append(inv, $"<title id=\"{id}-title\">T.30 ladder: {frames.Count} frame entries between {E(localLabel)} and {E(remoteLabel)}</title>");
        svg.Append("<defs>");
        foreach (var (marker, colour) in new[] { ("arrow-local", LocalColour), ("arrow-remote", RemoteColour) })
        {
            svg.Append(inv, $"<marker id=\"{id}-{marker}\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" orient=\"auto\"><path d=\"M0,0 L10,5 L0,10 z\" fill=\"{colour}\"/></marker>");
        }

        svg.Append("</defs>");
        svg.Append(inv, $"<text class=\"lane\" x=\"{LocalX}\" y=\"20\" text-anchor=\"middle\">{E(localLabel)}</text>");
        svg.Append(inv, $"<text class=\"lane\" x=\"{RemoteX}\" y=\"20\" text-anchor=\"middle\">{E(remoteLabel)}</text>");
        svg.Append(inv, $"<line class=\"lifeline\" x1=\"{LocalX}\" y1=\"30\" x2=\"{LocalX}\" y2=\"{height - 10}\"/>");
        svg.Append(inv, $"<line class=\"lifeline\" x1=\"{RemoteX}\" y1=\"30\" x2=\"{RemoteX}\" y2=\"{height - 10}\"/>");
        svg.Append(inv, $"<text class=\"time-head\" x=\"8\" y=\"44\">time</text>");
        for (var i = 0; i < frames.Count; i++)
        {
            var f = frames[i];
            var y = Top + (i * RowHeight);
            var fromLocal = f.From == T30FrameOrigin.Local;
            var (x1, x2) = fromLocal ? (LocalX, RemoteX) : (RemoteX, LocalX);
            var label = f.Count > 1 ? $"{f.Name} ×{f.Count}" : f.Name;
            var time = FaxDisplay.Duration(f.At);
            var tip = $"{f.Name}{(f.Count > 1 ? $" ×{f.Count}" : string.Empty)} at {time} from {(fromLocal ? localLabel : remoteLabel)}{(f.Bytes is null ? string.Empty : ": " + f.Bytes)}";
            svg.Append(inv, $"<g class=\"frame {(fromLocal ? "from-local" : "from-remote")}\" data-name=\"{E(f.Name)}\">");
            svg.Append(inv, $"<title>{E(tip)}</title>");
            svg.Append(inv, $"<text class=\"time\" x=\"8\" y=\"{y + 4}\">{E(time)}</text>");
            svg.Append(inv, $"<line x1=\"{x1}\" y1=\"{y}\" x2=\"{x2}\" y2=\"{y + 12}\" stroke=\"{(fromLocal ? LocalColour : RemoteColour)}\" marker-end=\"url(#{id}-{(fromLocal ? "arrow-local" : "arrow-remote")})\"/>");
            svg.Append(inv, $"<text class=\"name\" x=\"{(LocalX + RemoteX) / 2}\" y=\"{y + 2}\" text-anchor=\"middle\">{E(label)}</text>");
            svg.Append("</g>");
        }

        if (omitted > 0)
        {
            var y = Top + (frames.Count * RowHeight);
            svg.Append(inv, $"<text class=\"omitted\" x=\"{(LocalX + RemoteX) / 2}\" y=\"{y + 4}\" text-anchor=\"middle\">{omitted} more frame(s) not kept; the last entry is the last frame</text>");
        }

        svg.Append("</svg>");
        return svg.ToString();
    }

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
