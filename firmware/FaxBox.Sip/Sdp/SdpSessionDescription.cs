using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;

namespace FaxBox.Sip.Sdp;

/// <summary>
/// An SDP session description (RFC 4566): origin, session name, connection, timing, session attributes and media
/// sections. Lines the model does not interpret are kept and written back in RFC 4566 order.
/// </summary>
public sealed class SdpSessionDescription
{
    /// <summary>Most lines accepted in one description.</summary>
    public const int MaxLines = 1024;

    /// <summary>Most m= sections accepted.</summary>
    public const int MaxMedia = 32;

    public SdpSessionDescription(SdpOrigin origin, string sessionName = "-")
    {
        Origin = origin;
        SessionName = sessionName;
    }

    public SdpOrigin Origin { get; set; }

    public string SessionName { get; set; }

    /// <summary>The session-level c=, or null when every media section has its own.</summary>
    public SdpConnection? Connection { get; set; }

    /// <summary>t= "start stop"; "0 0" by default.</summary>
    public string Timing { get; set; } = "0 0";

    /// <summary>Session-level i=, u=, e=, p=, b=, r=, z=, k= lines as written.</summary>
    public List<SdpLine> Lines { get; } = [];

    public List<SdpAttribute> Attributes { get; } = [];

    public List<SdpMediaDescription> Media { get; } = [];

    /// <summary>The connection that applies to <paramref name="media"/>: its own c=, else the session's.</summary>
    public SdpConnection? ConnectionFor(SdpMediaDescription media) => media.Connection ?? Connection;

    public static SdpSessionDescription Parse(string text) =>
        TryParse(text, out var sdp, out var error) ? sdp : throw new FormatException($"Invalid SDP: {error}");

    /// <summary>Total parser: a description or an error naming the line; accepts CRLF or LF line ends.</summary>
    public static bool TryParse(string text, [NotNullWhen(true)] out SdpSessionDescription? sdp, [NotNullWhen(false)] out string? error)
    {
        sdp = null;
        ArgumentNullException.ThrowIfNull(text);
        var lines = text.Split('\n');
        if (lines.Length > MaxLines)
        {
            error = $"more than {MaxLines} lines";
            return false;
        }

        SdpSessionDescription? result = null;
        SdpMediaDescription? media = null;
        var sawVersion = false;
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd('\r');
            var where = $"line {i + 1}";
            if (line.Length == 0)
            {
                continue;
            }

            if (line.Length < 2 || line[1] != '=' || !char.IsAsciiLetterLower(line[0]))
            {
                error = $"{where}: not 'x=value'";
                return false;
            }

            var type = line[0];
            var value = line[2..];
            if (!sawVersion)
            {
                if (type != 'v' || value.Trim() != "0")
                {
                    error = $"{where}: an SDP description starts with v=0";
                    return false;
                }

                sawVersion = true;
                continue;
            }

            if (result is null)
            {
                if (type != 'o' || !TryOrigin(value, out var origin))
                {
                    error = $"{where}: o= must follow v= as 'username sess-id sess-version nettype addrtype address'";
                    return false;
                }

                result = new SdpSessionDescription(origin);
                continue;
            }

            switch (type)
            {
                case 's' when media is null:
                    result.SessionName = value;
                    break;
                case 't' when media is null:
                    result.Timing = value;
                    break;
                case 'c':
                    if (!TryConnection(value, out var connection))
                    {
                        error = $"{where}: c= must be 'nettype addrtype address'";
                        return false;
                    }

                    if (media is null)
                    {
                        result.Connection = connection;
                    }
                    else
                    {
                        media.Connection = connection;
                    }

                    break;
                case 'm':
                    if (result.Media.Count >= MaxMedia || !TryMedia(value, out media))
                    {
                        error = result.Media.Count >= MaxMedia ? $"{where}: more than {MaxMedia} media sections" : $"{where}: m= must be 'media port proto fmt…'";
                        return false;
                    }

                    result.Media.Add(media);
                    break;
                case 'a':
                    var colon = value.IndexOf(':', StringComparison.Ordinal);
                    var attribute = colon < 0 ? new SdpAttribute(value.Trim()) : new SdpAttribute(value[..colon].Trim(), value[(colon + 1)..]);
                    if (attribute.Name.Length == 0)
                    {
                        error = $"{where}: empty attribute name";
                        return false;
                    }

                    (media?.Attributes ?? result.Attributes).Add(attribute);
                    break;
                default:
                    (media?.Lines ?? result.Lines).Add(new SdpLine(type, value));
                    break;
            }
        }

        if (result is null)
        {
            error = sawVersion ? "no o= line" : "empty SDP";
            return false;
        }

        sdp = result;
        error = null;
        return true;
    }

    private static bool TryOrigin(string value, [NotNullWhen(true)] out SdpOrigin? origin)
    {
        origin = null;
        var f = value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (f.Length != 6 || !ulong.TryParse(f[2], NumberStyles.None, CultureInfo.InvariantCulture, out var version))
        {
            return false;
        }

        origin = new SdpOrigin(f[0], f[1], version, f[3], f[4], f[5]);
        return true;
    }

    private static bool TryConnection(string value, [NotNullWhen(true)] out SdpConnection? connection)
    {
        connection = null;
        var f = value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (f.Length != 3)
        {
            return false;
        }

        connection = new SdpConnection(f[0], f[1], f[2]);
        return true;
    }

    private static bool TryMedia(string value, [NotNullWhen(true)] out SdpMediaDescription? media)
    {
        media = null;
        var f = value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (f.Length < 4)
        {
            return false;
        }

        var portText = f[1];
        int? count = null;
        var slash = portText.IndexOf('/', StringComparison.Ordinal);
        if (slash >= 0)
        {
            if (!int.TryParse(portText.AsSpan(slash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var c))
            {
                return false;
            }

            count = c;
            portText = portText[..slash];
        }

        if (!int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port > 65535)
        {
            return false;
        }

        media = new SdpMediaDescription(f[0], port, f[2], f.Skip(3)) { PortCount = count };
        return true;
    }

    public SdpSessionDescription Clone() => Parse(ToString());

    public override string ToString()
    {
        var b = new StringBuilder(512);
        b.Append("v=0\r\n");
        b.Append("o=").Append(Origin).Append("\r\n");
        b.Append("s=").Append(SessionName).Append("\r\n");
        foreach (var line in Lines.Where(l => l.Type is 'i' or 'u' or 'e' or 'p'))
        {
            b.Append(line).Append("\r\n");
        }

        if (Connection is not null)
        {
            b.Append("c=").Append(Connection).Append("\r\n");
        }

        foreach (var line in Lines.Where(l => l.Type is 'b'))
        {
            b.Append(line).Append("\r\n");
        }

        b.Append("t=").Append(Timing).Append("\r\n");
        foreach (var line in Lines.Where(l => l.Type is not ('i' or 'u' or 'e' or 'p' or 'b')))
        {
            b.Append(line).Append("\r\n");
        }

        foreach (var a in Attributes)
        {
            b.Append("a=").Append(a).Append("\r\n");
        }

        foreach (var m in Media)
        {
            m.AppendTo(b);
        }

        return b.ToString();
    }
}
