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

    /// <summary>
    /// Checks the value of a header whose canonical name is <paramref name="canonical"/> without building anything
    /// (no allocation unless it is malformed): the message parser's eager check of every well-known header, so that a
    /// malformed Via, From, CSeq … rejects the message with the field's name and the typed accessors never fail later.
    /// <paramref name="elements"/> is the number of list elements (0 for other headers), <paramref name="number"/> the
    /// value of a numeric header (-1 for other headers). Headers without a typed form pass.
    /// </summary>
    public static bool TryCheck(string canonical, ReadOnlySpan<char> value, out int elements, out int number, out string? error) =>
        TryParse(canonical, value, null, out _, out elements, out number, out error);

    /// <summary>By well-known index (<see cref="SipHeaderNames.IndexOf(ReadOnlySpan{char})"/>): whether <see cref="TryCheck"/> checks that header.</summary>
    private static readonly bool[] CheckedByIndex = [.. Enumerable.Range(0, SipHeaderNames.KnownCount).Select(i => IsChecked(SipHeaderNames.KnownName(i)))];

    /// <summary><see cref="IsChecked(string)"/> for a well-known index (-1 for another name).</summary>
    public static bool IsChecked(int knownIndex) => knownIndex >= 0 && CheckedByIndex[knownIndex];

    /// <summary>True when <paramref name="canonical"/> has a typed form that <see cref="TryCheck"/> checks.</summary>
    public static bool IsChecked(string canonical) => canonical is SipHeaderNames.Via or SipHeaderNames.From or SipHeaderNames.To
        or SipHeaderNames.ReferTo or SipHeaderNames.Contact or SipHeaderNames.Route or SipHeaderNames.RecordRoute or SipHeaderNames.CSeq
        or SipHeaderNames.CallId or SipHeaderNames.MaxForwards or SipHeaderNames.ContentLength or SipHeaderNames.RSeq
        or SipHeaderNames.Require or SipHeaderNames.ProxyRequire or SipHeaderNames.Supported or SipHeaderNames.Unsupported
        or SipHeaderNames.Allow or SipHeaderNames.Date or SipHeaderNames.ContentType;

    /// <summary>Parses and caches the typed value; false with an error naming what is wrong. Unknown headers pass.</summary>
    public static bool TryParse(SipHeader header, out string? error)
    {
        error = null;
        if (header.Parsed is not null || header.Number >= 0)
        {
            return true;
        }

        var canonical = header.CanonicalName;
        if (!IsChecked(canonical))
        {
            return true;
        }

        if (!TryParse(canonical, header.Value, header, out var parsed, out _, out var number, out error))
        {
            return false;
        }

        if (number >= 0)
        {
            header.Number = number;
        }
        else
        {
            header.Parsed = parsed;
        }

        return true;
    }

    /// <summary>The typed value; throws <see cref="FormatException"/> naming the header when it does not parse.</summary>
    public static object Get(SipHeader header)
    {
        if (!TryParse(header, out var error))
        {
            throw new FormatException($"Malformed {header.CanonicalName} header '{header.Value}': {error}");
        }

        if (header.Number >= 0)
        {
            return header.Number;
        }

        return header.Parsed ?? throw new InvalidOperationException($"{header.CanonicalName} has no typed form");
    }

    /// <summary>The value of a numeric header (Content-Length, Max-Forwards, RSeq); throws <see cref="FormatException"/> when malformed.</summary>
    public static int GetNumber(SipHeader header)
    {
        if (header.Number < 0)
        {
            _ = Get(header);
        }

        return header.Number;
    }

    /// <summary>
    /// The typed form of <paramref name="value"/>, built when <paramref name="header"/> is given (its value) and only
    /// checked otherwise. Numeric headers give <paramref name="number"/> and no object.
    /// </summary>
    private static bool TryParse(string canonical, ReadOnlySpan<char> value, SipHeader? header, out object? parsed, out int elements, out int number, out string? error)
    {
        var build = header is not null;
        error = null;
        parsed = null;
        elements = 0;
        number = -1;
        switch (canonical)
        {
            case SipHeaderNames.Via:
                return ParseList(value, build, ViaElement, out parsed, out elements, out error);
            case SipHeaderNames.From:
            case SipHeaderNames.To:
            case SipHeaderNames.ReferTo:
                if (!SipNameAddress.TryParse(value, build, out var address, out error))
                {
                    return false;
                }

                parsed = address;
                return true;
            case SipHeaderNames.Contact:
                if (value is "*")
                {
                    parsed = ContactWildcard;
                    return true;
                }

                return ParseList(value, build, NameAddressElement, out parsed, out elements, out error);
            case SipHeaderNames.Route:
            case SipHeaderNames.RecordRoute:
                return ParseList(value, build, NameAddressElement, out parsed, out elements, out error);
            case SipHeaderNames.CSeq:
                if (!SipCSeq.TryParse(value, build, out var cseq, out error))
                {
                    return false;
                }

                parsed = build ? cseq : null;
                return true;
            case SipHeaderNames.CallId:
                if (!IsCallId(value))
                {
                    error = "Call-ID must be word[@word] without spaces";
                    return false;
                }

                parsed = header?.Value;
                return true;
            case SipHeaderNames.MaxForwards:
                return Number(value, 255, "Max-Forwards must be a number from 0 to 255", out number, out error);
            case SipHeaderNames.ContentLength:
                return Number(value, int.MaxValue, "Content-Length must be a non-negative number", out number, out error);
            case SipHeaderNames.RSeq:
                return Number(value, int.MaxValue, "RSeq must be a number", out number, out error);
            case SipHeaderNames.Require:
            case SipHeaderNames.ProxyRequire:
            case SipHeaderNames.Supported:
            case SipHeaderNames.Unsupported:
            case SipHeaderNames.Allow:
                return ParseTokenList(value, build, out parsed, out elements, out error);
            case SipHeaderNames.Date:
                if (!TryDate(value, out var date))
                {
                    error = "Date must be an RFC 1123 date in GMT";
                    return false;
                }

                parsed = build ? date : null;
                return true;
            case SipHeaderNames.ContentType:
                if (!IsMediaType(value))
                {
                    error = "Content-Type must be type/subtype with parameters";
                    return false;
                }

                parsed = header?.Value;
                return true;
            default:
                return true;
        }
    }

    private static bool Number(ReadOnlySpan<char> value, int max, string message, out int number, out string? error)
    {
        if (TryNumber(value, max, out number))
        {
            error = null;
            return true;
        }

        number = -1;
        error = message;
        return false;
    }

    private delegate bool ElementParser(ReadOnlySpan<char> text, bool build, out object? value, out string? error);

    private static readonly ElementParser ViaElement = static (ReadOnlySpan<char> s, bool build, out object? v, out string? e) =>
    {
        var ok = SipVia.TryParse(s, build, out var via, out e);
        v = via;
        return ok;
    };

    private static readonly ElementParser NameAddressElement = static (ReadOnlySpan<char> s, bool build, out object? v, out string? e) =>
    {
        var ok = SipNameAddress.TryParse(s, build, out var address, out e);
        v = address;
        return ok;
    };

    /// <summary>A comma-joined list of Via or name-addr values: a List of them when building, else only checked and counted.</summary>
    private static bool ParseList(ReadOnlySpan<char> value, bool build, ElementParser parse, out object? parsed, out int elements, out string? error)
    {
        parsed = null;
        elements = 0;
        System.Collections.IList? result = !build ? null : ReferenceEquals(parse, ViaElement) ? new List<SipVia>(1) : new List<SipNameAddress>(1);
        var pos = 0;
        for (var more = 1; more > 0;)
        {
            more = SipGrammar.NextListElement(value, ref pos, out var start, out var length);
            if (more < 0)
            {
                error = "empty element or unbalanced quotes/brackets in a list";
                return false;
            }

            if (!parse(value.Slice(start, length), build, out var item, out error))
            {
                error ??= "malformed";
                return false;
            }

            result?.Add(item);
            elements++;
        }

        parsed = result;
        error = null;
        return true;
    }

    private static bool ParseTokenList(ReadOnlySpan<char> value, bool build, out object? parsed, out int elements, out string? error)
    {
        var result = build ? new List<string>() : null;
        parsed = result;
        elements = 0;
        error = null;
        if (SipGrammar.TrimLws(value).IsEmpty)
        {
            return true;
        }

        var pos = 0;
        for (var more = 1; more > 0;)
        {
            more = SipGrammar.NextListElement(value, ref pos, out var start, out var length);
            if (more < 0)
            {
                error = "empty element in a token list";
                return false;
            }

            var token = value.Slice(start, length);
            if (!SipGrammar.IsToken(token))
            {
                error = $"'{token.ToString()}' is not a token";
                return false;
            }

            result?.Add(SipMethods.Intern(token));
            elements++;
        }

        return true;
    }

    private static bool IsCallId(ReadOnlySpan<char> value)
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

    internal static bool TryNumber(ReadOnlySpan<char> value, int max, out int number)
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
    private static bool TryDate(ReadOnlySpan<char> value, out DateTimeOffset date)
    {
        date = default;
        var s = SipGrammar.TrimLws(value);
        if (s.Length != 29 || s[3] != ',' || s[4] != ' ' || !s.EndsWith(" GMT") || !IsOneOf(s[..3], Days)
            || !IsOneOf(s.Slice(8, 3), Months))
        {
            return false;
        }

        return DateTimeOffset.TryParseExact(s, "r", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out date);
    }

    private static bool IsOneOf(ReadOnlySpan<char> s, string[] names)
    {
        foreach (var name in names)
        {
            if (s.SequenceEqual(name))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsMediaType(ReadOnlySpan<char> value)
    {
        var s = SipGrammar.TrimLws(value);
        var semi = s.IndexOf(';');
        var type = semi < 0 ? s : s[..semi];
        var slash = type.IndexOf('/');
        if (slash < 0 || !SipGrammar.IsToken(SipGrammar.TrimLws(type[..slash])) || !SipGrammar.IsToken(SipGrammar.TrimLws(type[(slash + 1)..])))
        {
            return false;
        }

        return semi < 0 || SipHeaderGrammar.TryParseParameters(s[semi..], null, out _);
    }
}
