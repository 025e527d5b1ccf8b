using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;
using FaxBox.Sip.Parsing;

namespace FaxBox.Sip.Messages;

/// <summary>
/// A SIP or SIPS URI (RFC 3261 §19.1) with IPv6 references (RFC 5118), or any other absolute URI kept opaque
/// (<see cref="IsSip"/> false: <c>tel:</c>, <c>http:</c>, unknown schemes). User, password and header parts keep their
/// %HH escapes as written (RFC 3261 §19.1.4: never unescape twice).
/// </summary>
public sealed class SipUri
{
    public SipUri(string scheme, string? user, string host, int? port = null)
    {
        Scheme = scheme.ToLowerInvariant();
        User = user;
        Host = host;
        Port = port;
        Opaque = string.Empty;
    }

    private SipUri(string scheme, string opaque)
    {
        Scheme = scheme;
        Opaque = opaque;
        Host = string.Empty;
    }

    /// <summary>"sip", "sips", or another scheme in lower case.</summary>
    public string Scheme { get; }

    /// <summary>True for sip: and sips: URIs, which have user, host, port and parameters.</summary>
    public bool IsSip => Scheme is "sip" or "sips";

    /// <summary>For a non-SIP URI, everything after "scheme:".</summary>
    public string Opaque { get; }

    /// <summary>The user part, escapes kept; null when the URI has none.</summary>
    public string? User { get; set; }

    public string? Password { get; set; }

    /// <summary>Host name, IPv4 address, or IPv6 reference with its brackets (RFC 5118 §4.3).</summary>
    public string Host { get; set; }

    /// <summary>The port, null when absent (then 5060, or 5061 for sips/TLS).</summary>
    public int? Port { get; set; }

    public SipParameters Parameters { get; } = new();

    /// <summary>The header part after "?" (escapes kept), null when absent.</summary>
    public string? Headers { get; set; }

    /// <summary>The "transport" parameter, lower case, or null.</summary>
    public string? Transport => Parameters.Get("transport")?.ToLowerInvariant();

    /// <summary>True when the URI carries "lr" (RFC 3261 §19.1.1, loose routing).</summary>
    public bool IsLooseRouter => Parameters.Contains("lr");

    /// <summary>The host without IPv6 brackets.</summary>
    public string HostWithoutBrackets => Host.StartsWith('[') && Host.EndsWith(']') ? Host[1..^1] : Host;

    public static SipUri Parse(string text)
    {
        if (!TryParse(text, out var uri, out var error))
        {
            throw new FormatException($"Invalid URI '{text}': {error}");
        }

        return uri;
    }

    public static bool TryParse(ReadOnlySpan<char> text, [NotNullWhen(true)] out SipUri? uri, [NotNullWhen(false)] out string? error)
    {
        if (!TryParse(text, true, out uri, out _, out error))
        {
            return false;
        }

        return uri is not null;
    }

    /// <summary>
    /// Checks <paramref name="text"/> as <see cref="TryParse(ReadOnlySpan{char}, out SipUri?, out string?)"/> does, and
    /// builds the URI only when <paramref name="build"/> (otherwise nothing is allocated unless it is malformed).
    /// <paramref name="sipWithHeaders"/> tells a sip/sips URI with a header part.
    /// </summary>
    internal static bool TryParse(ReadOnlySpan<char> text, bool build, out SipUri? uri, out bool sipWithHeaders, [NotNullWhen(false)] out string? error)
    {
        uri = null;
        sipWithHeaders = false;
        var colon = text.IndexOf(':');
        if (colon <= 0)
        {
            error = "no scheme";
            return false;
        }

        var scheme = text[..colon];
        if (!char.IsAsciiLetter(scheme[0]))
        {
            error = "the scheme must start with a letter";
            return false;
        }

        foreach (var c in scheme)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not '+' and not '-' and not '.')
            {
                error = "invalid character in the scheme";
                return false;
            }
        }

        var rest = text[(colon + 1)..];
        var isSip = System.Text.Ascii.EqualsIgnoreCase(scheme, "sip") || System.Text.Ascii.EqualsIgnoreCase(scheme, "sips");
        if (!isSip)
        {
            if (rest.IsEmpty)
            {
                error = "empty URI after the scheme";
                return false;
            }

            foreach (var c in rest)
            {
                if (c <= ' ' || c >= 127 || c is '<' or '>' or '"')
                {
                    error = "invalid character in the URI";
                    return false;
                }
            }

            uri = build ? new SipUri(scheme.ToString().ToLowerInvariant(), rest.ToString()) : null;
            error = null;
            return true;
        }

        return TryParseSip(scheme.Length == 3 ? "sip" : "sips", rest, build, out uri, out sipWithHeaders, out error);
    }

    private static bool TryParseSip(string scheme, ReadOnlySpan<char> rest, bool build, out SipUri? uri, out bool sipWithHeaders, [NotNullWhen(false)] out string? error)
    {
        uri = null;
        sipWithHeaders = false;
        string? user = null;
        string? password = null;
        var at = rest.IndexOf('@');
        if (at >= 0)
        {
            var userInfo = rest[..at];
            var pw = userInfo.IndexOf(':');
            var userPart = pw < 0 ? userInfo : userInfo[..pw];
            if (userPart.IsEmpty || !SipGrammar.IsEscapedRun(userPart, SipGrammar.IsUserChar))
            {
                error = "invalid user part";
                return false;
            }

            if (pw >= 0)
            {
                var pwPart = userInfo[(pw + 1)..];
                if (!SipGrammar.IsEscapedRun(pwPart, SipGrammar.IsPasswordChar))
                {
                    error = "invalid password part";
                    return false;
                }

                password = build ? pwPart.ToString() : null;
            }

            user = build ? userPart.ToString() : null;
            rest = rest[(at + 1)..];
        }

        string? headers = null;
        var q = rest.IndexOf('?');
        if (q >= 0)
        {
            var h = rest[(q + 1)..];
            if (h.IsEmpty || !SipGrammar.IsEscapedRun(h, c => SipGrammar.IsHeaderChar(c) || c is '=' or '&'))
            {
                error = "invalid header part";
                return false;
            }

            sipWithHeaders = true;
            headers = build ? h.ToString() : null;
            rest = rest[..q];
        }

        var semi = rest.IndexOf(';');
        var hostPort = semi < 0 ? rest : rest[..semi];
        if (!TryParseHostPort(hostPort, out int hostLength, out var port, out error))
        {
            return false;
        }

        uri = build ? new SipUri(scheme, user, hostPort[..hostLength].ToString(), port) { Password = password, Headers = headers } : null;
        if (semi >= 0 && !TryParseUriParameters(rest[(semi + 1)..], uri?.Parameters, out error))
        {
            uri = null;
            return false;
        }

        error = null;
        return true;
    }

    internal static bool TryParseHostPort(ReadOnlySpan<char> hostPort, out string host, out int? port, [NotNullWhen(false)] out string? error)
    {
        var ok = TryParseHostPort(hostPort, out int hostLength, out port, out error);
        host = ok ? hostPort[..hostLength].ToString() : string.Empty;
        return ok;
    }

    /// <summary>As the other overload; the host is the first <paramref name="hostLength"/> characters (nothing allocated).</summary>
    internal static bool TryParseHostPort(ReadOnlySpan<char> hostPort, out int hostLength, out int? port, [NotNullWhen(false)] out string? error)
    {
        hostLength = 0;
        port = null;
        ReadOnlySpan<char> portText;
        if (hostPort.StartsWith("["))
        {
            var close = hostPort.IndexOf(']');
            if (close < 0)
            {
                error = "unterminated IPv6 reference";
                return false;
            }

            var address = hostPort[1..close];
            if (!IsIPv6Reference(address))
            {
                error = "invalid IPv6 reference";
                return false;
            }

            hostLength = close + 1;
            portText = hostPort[(close + 1)..];
            if (!portText.IsEmpty && portText[0] != ':')
            {
                error = "junk after the IPv6 reference";
                return false;
            }
        }
        else
        {
            var c = hostPort.IndexOf(':');
            var name = c < 0 ? hostPort : hostPort[..c];
            if (!IsHostName(name))
            {
                error = "invalid host";
                return false;
            }

            hostLength = name.Length;
            portText = c < 0 ? [] : hostPort[c..];
        }

        if (!portText.IsEmpty)
        {
            var digits = portText[1..];
            if (digits.IsEmpty || digits.Length > 5 || !int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var p) || p > 65535)
            {
                error = "invalid port";
                return false;
            }

            port = p;
        }

        error = null;
        return true;
    }

    /// <summary>
    /// An IPv6 reference's content: hex digits, colons and dots. Lenient on purpose: RFC 5118 §4.10 asks to tolerate the
    /// three-colon form RFC 3261's ABNF allowed.
    /// </summary>
    internal static bool IsIPv6Reference(ReadOnlySpan<char> s)
    {
        if (s.Length < 2 || s.IndexOf(':') < 0)
        {
            return false;
        }

        foreach (var c in s)
        {
            if (!char.IsAsciiHexDigit(c) && c is not ':' and not '.')
            {
                return false;
            }
        }

        return true;
    }

    internal static bool IsHostName(ReadOnlySpan<char> s)
    {
        if (s.IsEmpty || s[0] is '-' or '.')
        {
            return false;
        }

        foreach (var c in s)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not '-' and not '.' and not '_')
            {
                return false;
            }
        }

        return true;
    }

    private static bool TryParseUriParameters(ReadOnlySpan<char> s, SipParameters? into, [NotNullWhen(false)] out string? error)
    {
        for (var guard = 0; guard <= s.Length; guard++)
        {
            var semi = s.IndexOf(';');
            var part = semi < 0 ? s : s[..semi];
            var eq = part.IndexOf('=');
            var name = eq < 0 ? part : part[..eq];
            if (name.IsEmpty || !SipGrammar.IsEscapedRun(name, SipGrammar.IsParamChar))
            {
                error = "empty or invalid URI parameter";
                return false;
            }

            string? value = null;
            if (eq >= 0)
            {
                var v = part[(eq + 1)..];
                if (v.IsEmpty || !SipGrammar.IsEscapedRun(v, SipGrammar.IsParamChar))
                {
                    error = $"invalid value of URI parameter '{name.ToString()}'";
                    return false;
                }

                value = into is null ? null : v.ToString();
            }

            into?.Add(name.ToString(), value);
            if (semi < 0)
            {
                error = null;
                return true;
            }

            s = s[(semi + 1)..];
        }

        error = "too many URI parameters";
        return false;
    }

    public SipUri Clone()
    {
        if (!IsSip)
        {
            return new SipUri(Scheme, Opaque);
        }

        var copy = new SipUri(Scheme, User, Host, Port) { Password = Password, Headers = Headers };
        foreach (var p in Parameters)
        {
            copy.Parameters.Add(p.Name, p.Value);
        }

        return copy;
    }

    internal void AppendTo(StringBuilder builder)
    {
        builder.Append(Scheme).Append(':');
        if (!IsSip)
        {
            builder.Append(Opaque);
            return;
        }

        if (User is not null)
        {
            builder.Append(User);
            if (Password is not null)
            {
                builder.Append(':').Append(Password);
            }

            builder.Append('@');
        }

        builder.Append(Host);
        if (Port is { } port)
        {
            builder.Append(':').Append(port.ToString(CultureInfo.InvariantCulture));
        }

        Parameters.AppendTo(builder);
        if (Headers is not null)
        {
            builder.Append('?').Append(Headers);
        }
    }

    public override string ToString()
    {
        var builder = new StringBuilder(64);
        AppendTo(builder);
        return builder.ToString();
    }
}
