using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;
using FaxBox.Sip.Parsing;

namespace FaxBox.Sip.Messages;

/// <summary>One Via value (RFC 3261 §20.42): sent-protocol, sent-by and parameters (branch, received, rport: RFC 3581).</summary>
public sealed class SipVia
{
    /// <summary>The branch magic cookie of RFC 3261 §8.1.1.7.</summary>
    public const string MagicCookie = "z9hG4bK";

    public SipVia(string transport, string host, int? port, string branch)
    {
        Transport = transport;
        Host = host;
        Port = port;
        Parameters.Add("branch", branch);
    }

    private SipVia(string protocolName, string protocolVersion, string transport, string host, int? port)
    {
        ProtocolName = protocolName;
        ProtocolVersion = protocolVersion;
        Transport = transport;
        Host = host;
        Port = port;
    }

    public string ProtocolName { get; } = "SIP";

    public string ProtocolVersion { get; } = "2.0";

    /// <summary>"UDP", "TCP", "TLS", "SCTP" or any other token, as written.</summary>
    public string Transport { get; }

    /// <summary>The sent-by host (IPv6 with brackets).</summary>
    public string Host { get; }

    public int? Port { get; }

    public SipParameters Parameters { get; } = new();

    public string? Branch => Parameters.Get("branch");

    /// <summary>True when the branch starts with the RFC 3261 magic cookie (the transaction id is the branch).</summary>
    public bool HasRfc3261Branch => Branch is { } b && b.StartsWith(MagicCookie, StringComparison.Ordinal);

    public string? Received => Parameters.Get("received");

    /// <summary>The sent-by host without IPv6 brackets.</summary>
    public string HostWithoutBrackets => Host.StartsWith('[') && Host.EndsWith(']') ? Host[1..^1] : Host;

    /// <summary>The rport value (RFC 3581 §4), null when absent or empty.</summary>
    public int? RPort => int.TryParse(Parameters.Get("rport"), NumberStyles.None, CultureInfo.InvariantCulture, out var p) ? p : null;

    public bool HasRPort => Parameters.Contains("rport");

    public static bool TryParse(ReadOnlySpan<char> text, [NotNullWhen(true)] out SipVia? via, [NotNullWhen(false)] out string? error) =>
        TryParse(text, true, out via, out error) && via is not null;

    /// <summary>Checks a Via value as <see cref="TryParse(ReadOnlySpan{char}, out SipVia?, out string?)"/>; builds it only when <paramref name="build"/>.</summary>
    internal static bool TryParse(ReadOnlySpan<char> text, bool build, out SipVia? via, [NotNullWhen(false)] out string? error)
    {
        via = null;
        var s = SipGrammar.TrimLws(text);
        var protocol = text;
        var version = text;
        var transport = text;
        for (var i = 0; i < 3; i++)
        {
            var n = 0;
            while (n < s.Length && SipGrammar.IsTokenChar(s[n]))
            {
                n++;
            }

            if (n == 0)
            {
                error = "invalid sent-protocol";
                return false;
            }

            switch (i)
            {
                case 0:
                    protocol = s[..n];
                    break;
                case 1:
                    version = s[..n];
                    break;
                default:
                    transport = s[..n];
                    break;
            }

            s = s[n..].TrimStart(" \t");
            if (i < 2)
            {
                if (s.IsEmpty || s[0] != '/')
                {
                    error = "invalid sent-protocol";
                    return false;
                }

                s = s[1..].TrimStart(" \t");
            }
        }

        var hostEnd = 0;
        while (hostEnd < s.Length && s[hostEnd] is not ';' and not ' ' and not '\t')
        {
            hostEnd++;
        }

        var hostPort = s[..hostEnd];
        s = s[hostEnd..].TrimStart(" \t");
        if (!s.IsEmpty && s[0] == ':')
        {
            // LWS allowed around the port colon: "host : 5060".
            var p = 1;
            var digits = s[p..].TrimStart(" \t");
            var d = 0;
            while (d < digits.Length && char.IsAsciiDigit(digits[d]))
            {
                d++;
            }

            hostPort = string.Concat(hostPort, ":", digits[..d]);
            s = digits[d..].TrimStart(" \t");
        }

        if (!SipUri.TryParseHostPort(hostPort, out int hostLength, out var port, out error))
        {
            error = "Via sent-by: " + error;
            return false;
        }

        var result = build ? new SipVia(Intern(protocol, "SIP"), Intern(version, "2.0"), InternTransport(transport), hostPort[..hostLength].ToString(), port) : null;
        if (!SipHeaderGrammar.TryParseParameters(s, result?.Parameters, out error))
        {
            return false;
        }

        via = result;
        return true;
    }

    private static string Intern(ReadOnlySpan<char> text, string common) => text.SequenceEqual(common) ? common : text.ToString();

    private static string InternTransport(ReadOnlySpan<char> text) =>
        text.SequenceEqual("UDP") ? "UDP" : text.SequenceEqual("TCP") ? "TCP" : text.SequenceEqual("TLS") ? "TLS" : text.ToString();

    public override string ToString()
    {
        var builder = new StringBuilder(96);
        builder.Append(ProtocolName).Append('/').Append(ProtocolVersion).Append('/').Append(Transport).Append(' ').Append(Host);
        if (Port is { } port)
        {
            builder.Append(':').Append(port.ToString(CultureInfo.InvariantCulture));
        }

        Parameters.AppendTo(builder);
        return builder.ToString();
    }
}
