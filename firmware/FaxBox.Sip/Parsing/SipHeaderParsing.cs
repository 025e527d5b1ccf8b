using System.Globalization;
using FaxBox.Sip.Messages;

namespace FaxBox.Sip.Parsing;

/// <summary>
/// Typed parsing of well-known header values, cached on the <see cref="SipHeader"/>. The message parser calls it for
/// every well-known header so that a malformed Via, From, CSeq … rejects the message with the field's name.
/// </summary>
internal static class SipHeaderParsing
{
    /// <summary>Marker for "Contact: *" (RFC 3261 §10.2.2).</summary>
    public static readonly object ContactWildcard = new();

    private static readonly string[] Days = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
    private static readonly string[] Months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

    /// <summary>Parses and caches the typed value; false with an error naming what is wrong. Unknown headers pass.</summary>
    public static bool TryParse(SipHeader header, out string? error)
    {
        error = null;
        if (header.Parsed is not null)
        {
            return true;
        }

        var value = header.Value;
        object? parsed;
        switch (header.CanonicalName)
        {
            case SipHeaderNames.Via:
                parsed = ParseList<SipVia>(value, static (string s, out SipVia? v, out string? e) => SipVia.TryParse(s, out v, out e), out error);
                break;
            case SipHeaderNames.From:
            case SipHeaderNames.To:
            case SipHeaderNames.ReferTo:
                parsed = SipNameAddress.TryParse(value, out var address, out error) ? address : null;
                break;
            case SipHeaderNames.Contact:
                parsed = value == "*" ? ContactWildcard : ParseList<SipNameAddress>(value, TryNameAddress, out error);
                break;
            case SipHeaderNames.Route:
            case SipHeaderNames.RecordRoute:
                parsed = ParseList<SipNameAddress>(value, TryNameAddress, out error);
                break;
            case SipHeaderNames.CSeq:
                parsed = SipCSeq.TryParse(value, out var cseq, out error) ? cseq : null;
                break;
            case SipHeaderNames.CallId:
                parsed = IsCallId(value) ? value : null;
                error = parsed is null ? "Call-ID must be word[@word] without spaces" : null;
                break;
            case SipHeaderNames.MaxForwards:
                parsed = TryNumber(value, 255, out var hops) ? hops : null;
                error = parsed is null ? "Max-Forwards must be a number from 0 to 255" : null;
                break;
            case SipHeaderNames.ContentLength:
                parsed = TryNumber(value, int.MaxValue, out var length) ? length : null;
                error = parsed is null ? "Content-Length must be a non-negative number" : null;
                break;
            case SipHeaderNames.RSeq:
                parsed = TryNumber(value, int.MaxValue, out var rseq) ? rseq : null;
                error = parsed is null ? "RSeq must be a number" : null;
                break;
            case SipHeaderNames.Require:
            case SipHeaderNames.ProxyRequire:
            case SipHeaderNames.Supported:
            case SipHeaderNames.Unsupported:
            case SipHeaderNames.Allow:
                parsed = ParseTokenList(value, out error);
                break;
            case SipHeaderNames.Date:
                parsed = TryDate(value, out var date) ? date : null;
                error = parsed is null ? "Date must be an RFC 1123 date in GMT" : null;
                break;
            case SipHeaderNames.ContentType:
                parsed = IsMediaType(value) ? value : null;
                error = parsed is null ? "Content-Type must be type/subtype with parameters" : null;
                break;
            default:
                return true;
        }

        if (parsed is null)
        {
            error ??= "malformed";
            return false;
        }

        header.Parsed = parsed;
        return true;
    }

    /// <summary>The typed value; throws <see cref="FormatException"/> naming the header when it does not parse.</summary>
    public static object Get(SipHeader header)
    {
        if (!TryParse(header, out var error))
        {
            throw new FormatException($"Malformed {header.CanonicalName} header '{header.Value}': {error}");
        }

        return header.Parsed ?? throw new InvalidOperationException($"{header.CanonicalName} has no typed form");
    }

    private delegate bool ElementParser<T>(string text, out T? value, out string? error);

    private static bool TryNameAddress(string text, out SipNameAddress? value, out string? error) => SipNameAddress.TryParse(text, out value, out error);

    private static List<T>? ParseList<T>(string value, ElementParser<T> parse, out string? error)
        where T : class
    {
        var parts = new List<string>(1);
        if (!SipGrammar.TrySplitList(value, parts))
        {
            error = "empty element or unbalanced quotes/brackets in a list";
            return null;
        }

        var result = new List<T>(parts.Count);
        foreach (var part in parts)
        {
            if (!parse(part, out var item, out error) || item is null)
            {
                error ??= "malformed";
                return null;
            }

            result.Add(item);
        }

        error = null;
        return result;
    }

    private static List<string>? ParseTokenList(string value, out string? error)
    {
        var result = new List<string>();
        if (SipGrammar.TrimLws(value).IsEmpty)
        {
            error = null;
            return result;
        }

        if (!SipGrammar.TrySplitList(value, result))
        {
            error = "empty element in a token list";
            return null;
        }

        foreach (var t in result)
        {
            if (!SipGrammar.IsToken(t))
            {
                error = $"'{t}' is not a token";
                return null;
            }
        }

        error = null;
        return result;
    }

    private static bool IsCallId(string value)
    {
        if (value.Length == 0)
        {
            return false;
        }

        var at = false;
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (c == '@')
            {
                if (at || i == 0 || i == value.Length - 1)
                {
                    return false;
                }

                at = true;
            }
            else if (!SipGrammar.IsWordChar(c))
            {
                return false;
            }
        }

        return true;
    }

    internal static bool TryNumber(string value, int max, out int number)
    {
        number = 0;
        var s = SipGrammar.TrimLws(value);
        if (s.IsEmpty || s.Length > 10)
        {
            return false;
        }

        long n = 0;
        foreach (var c in s)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }

            n = (n * 10) + (c - '0');
        }

        if (n > max)
        {
            return false;
        }

        number = (int)n;
        return true;
    }

    /// <summary>rfc1123-date (RFC 3261 §20.17): "Sat, 13 Nov 2010 23:29:00 GMT", only GMT.</summary>
    private static bool TryDate(string value, out DateTimeOffset date)
    {
        date = default;
        var s = SipGrammar.TrimLws(value);
        if (s.Length != 29 || s[3] != ',' || s[4] != ' ' || !s.EndsWith(" GMT") || Array.IndexOf(Days, s[..3].ToString()) < 0
            || Array.IndexOf(Months, s.Slice(8, 3).ToString()) < 0)
        {
            return false;
        }

        return DateTimeOffset.TryParseExact(s.ToString(), "r", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out date);
    }

    private static bool IsMediaType(string value)
    {
        var s = SipGrammar.TrimLws(value);
        var semi = s.IndexOf(';');
        var type = semi < 0 ? s : s[..semi];
        var slash = type.IndexOf('/');
        if (slash < 0 || !SipGrammar.IsToken(SipGrammar.TrimLws(type[..slash])) || !SipGrammar.IsToken(SipGrammar.TrimLws(type[(slash + 1)..])))
        {
            return false;
        }

        return semi < 0 || SipHeaderGrammar.TryParseParameters(s[semi..], new SipParameters(), out _);
    }
}
