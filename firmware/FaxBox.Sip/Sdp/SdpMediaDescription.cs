using System.Globalization;
using System.Text;

namespace FaxBox.Sip.Sdp;

/// <summary>One m= section (RFC 4566 §5.14) with its c=, b=, other lines and attributes.</summary>
public sealed class SdpMediaDescription
{
    public SdpMediaDescription(string media, int port, string protocol, IEnumerable<string> formats)
    {
        Media = media;
        Port = port;
        Protocol = protocol;
        Formats = [.. formats];
    }

    /// <summary>"audio", "image", "video" …</summary>
    public string Media { get; set; }

    /// <summary>The transport port; 0 means the stream is rejected or disabled (RFC 3264 §6, §8.2).</summary>
    public int Port { get; set; }

    /// <summary>The "/2" of "m=audio 49170/2 …", or null.</summary>
    public int? PortCount { get; set; }

    /// <summary>"RTP/AVP", "udptl" (T.38; any case), …</summary>
    public string Protocol { get; set; }

    public List<string> Formats { get; }

    public SdpConnection? Connection { get; set; }

    /// <summary>i=, b=, k= and other lines of this section, as written.</summary>
    public List<SdpLine> Lines { get; } = [];

    public List<SdpAttribute> Attributes { get; } = [];

    /// <summary>True for the T.38 image stream: m=image PORT udptl t38 (RFC 7345 §4; protocol case-insensitive).</summary>
    public bool IsT38 => Media.Equals("image", StringComparison.OrdinalIgnoreCase)
        && Protocol.Equals("udptl", StringComparison.OrdinalIgnoreCase)
        && Formats.Exists(f => f.Equals("t38", StringComparison.OrdinalIgnoreCase));

    public bool IsAudio => Media.Equals("audio", StringComparison.OrdinalIgnoreCase) && Protocol.StartsWith("RTP/", StringComparison.OrdinalIgnoreCase);

    public bool IsRejected => Port == 0;

    /// <summary>The direction attribute (sendrecv when none; RFC 4566 §6).</summary>
    public SdpDirection Direction
    {
        get
        {
            foreach (var a in Attributes)
            {
                switch (a.Name.ToLowerInvariant())
                {
                    case "sendonly": return SdpDirection.SendOnly;
                    case "recvonly": return SdpDirection.RecvOnly;
                    case "inactive": return SdpDirection.Inactive;
                    case "sendrecv": return SdpDirection.SendRecv;
                }
            }

            return SdpDirection.SendRecv;
        }

        set
        {
            Attributes.RemoveAll(a => a.Name.ToLowerInvariant() is "sendonly" or "recvonly" or "inactive" or "sendrecv");
            Attributes.Add(new SdpAttribute(value.ToString().ToLowerInvariant()));
        }
    }

    /// <summary>The value of the first attribute named <paramref name="name"/> (case-insensitive), or null.</summary>
    public string? GetAttribute(string name) => Attributes.Find(a => a.Name.Equals(name, StringComparison.OrdinalIgnoreCase))?.Value;

    /// <summary>The encoding name of <paramref name="payloadType"/> from a=rtpmap (or the RFC 3551 static name), e.g. "PCMU/8000".</summary>
    public string? RtpMap(string payloadType)
    {
        foreach (var a in Attributes)
        {
            if (a.Name.Equals("rtpmap", StringComparison.OrdinalIgnoreCase) && a.Value is { } v)
            {
                var space = v.IndexOf(' ', StringComparison.Ordinal);
                if (space > 0 && v.AsSpan(0, space).SequenceEqual(payloadType))
                {
                    return v[(space + 1)..].Trim();
                }
            }
        }

        return payloadType switch
        {
            "0" => "PCMU/8000",
            "8" => "PCMA/8000",
            _ => null,
        };
    }

    /// <summary>
    /// The T.38 parameters: from the a=T38… lines of an image stream, or from a=fmtp lines of an RTP "t38/8000" payload
    /// (AudioCodes T.38-over-RTP). Null when the section carries no T.38 or its attributes are malformed (see <paramref name="error"/>).
    /// </summary>
    public SdpT38Parameters? GetT38(out string? error)
    {
        IEnumerable<SdpAttribute> source = Attributes;
        if (!IsT38)
        {
            var pt = Formats.Find(f => RtpMap(f)?.StartsWith("t38/", StringComparison.OrdinalIgnoreCase) == true);
            if (pt is null)
            {
                error = "no T.38 in this media description";
                return null;
            }

            source = Attributes
                .Where(a => a.Name.Equals("fmtp", StringComparison.OrdinalIgnoreCase) && a.Value is { } v && v.StartsWith(pt + " ", StringComparison.Ordinal))
                .Select(a => a.Value![(pt.Length + 1)..].Trim())
                .Select(v => v.Split('=', 2))
                .Select(p => new SdpAttribute(p[0], p.Length > 1 ? p[1] : null));
        }

        return SdpT38Parameters.TryParse(source, out var parameters, out error) ? parameters : null;
    }

    internal void AppendTo(StringBuilder builder)
    {
        builder.Append("m=").Append(Media).Append(' ').Append(Port.ToString(CultureInfo.InvariantCulture));
        if (PortCount is { } count)
        {
            builder.Append('/').Append(count.ToString(CultureInfo.InvariantCulture));
        }

        builder.Append(' ').Append(Protocol);
        foreach (var f in Formats)
        {
            builder.Append(' ').Append(f);
        }

        builder.Append("\r\n");
        foreach (var line in Lines.Where(l => l.Type is 'i'))
        {
            builder.Append(line).Append("\r\n");
        }

        if (Connection is not null)
        {
            builder.Append("c=").Append(Connection).Append("\r\n");
        }

        foreach (var line in Lines.Where(l => l.Type is not 'i'))
        {
            builder.Append(line).Append("\r\n");
        }

        foreach (var a in Attributes)
        {
            builder.Append("a=").Append(a).Append("\r\n");
        }
    }
}
