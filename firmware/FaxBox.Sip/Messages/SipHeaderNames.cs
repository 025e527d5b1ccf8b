namespace FaxBox.Sip.Messages;

/// <summary>Header field names (RFC 3261 §20) and their compact forms (§7.3.3 and the IANA registry).</summary>
public static class SipHeaderNames
{
    public const string Accept = "Accept";
    public const string Allow = "Allow";
    public const string CallId = "Call-ID";
    public const string Contact = "Contact";
    public const string ContentEncoding = "Content-Encoding";
    public const string ContentLength = "Content-Length";
    public const string ContentType = "Content-Type";
    public const string CSeq = "CSeq";
    public const string Date = "Date";
    public const string Expires = "Expires";
    public const string From = "From";
    public const string MaxForwards = "Max-Forwards";
    public const string MinSE = "Min-SE";
    public const string ProxyRequire = "Proxy-Require";
    public const string RAck = "RAck";
    public const string RecordRoute = "Record-Route";
    public const string Require = "Require";
    public const string RetryAfter = "Retry-After";
    public const string Route = "Route";
    public const string RSeq = "RSeq";
    public const string Server = "Server";
    public const string SessionExpires = "Session-Expires";
    public const string Subject = "Subject";
    public const string Supported = "Supported";
    public const string To = "To";
    public const string Unsupported = "Unsupported";
    public const string UserAgent = "User-Agent";
    public const string Via = "Via";
    public const string Warning = "Warning";
    public const string Event = "Event";
    public const string ReferTo = "Refer-To";
    public const string AllowEvents = "Allow-Events";

    /// <summary>The long form for a compact form letter (case-insensitive), or null.</summary>
    public static string? FromCompact(char c) => char.ToLowerInvariant(c) switch
    {
        'i' => CallId,
        'm' => Contact,
        'e' => ContentEncoding,
        'l' => ContentLength,
        'c' => ContentType,
        'f' => From,
        's' => Subject,
        'k' => Supported,
        't' => To,
        'v' => Via,
        'o' => Event,
        'r' => ReferTo,
        'u' => AllowEvents,
        'x' => SessionExpires,
        'b' => "Referred-By",
        'a' => "Accept-Contact",
        'j' => "Reject-Contact",
        'd' => "Request-Disposition",
        'y' => "Identity",
        'n' => "Identity-Info",
        _ => null,
    };

    /// <summary>
    /// The well-known names in RFC spelling; a header's <see cref="SipHeader.KnownIndex"/> indexes this table. The
    /// long forms of every compact form are in it, so a compact name always maps to an entry.
    /// </summary>
    private static readonly string[] WellKnown =
    [
        Via, From, To, CallId, CSeq, Contact, MaxForwards, ContentLength, ContentType, Route, RecordRoute, Allow, Supported,
        Require, UserAgent, Server, Expires, Accept, Date, SessionExpires, MinSE, RSeq, RAck, ProxyRequire, Unsupported,
        Subject, ContentEncoding, Warning, RetryAfter, Event, AllowEvents, ReferTo, "Referred-By", "Accept-Contact",
        "Reject-Contact", "Request-Disposition", "Identity", "Identity-Info",
    ];

    /// <summary>The well-known names as ASCII octets, for look-ups straight from the wire.</summary>
    private static readonly byte[][] WellKnownBytes = [.. WellKnown.Select(n => System.Text.Encoding.ASCII.GetBytes(n))];

    /// <summary>For each name length, the indexes of the well-known names of that length (a handful at most).</summary>
    private static readonly int[][] ByLength = BuildByLength();

    /// <summary>Index in <see cref="WellKnown"/> of the long form of each compact letter ('a'–'z'), -1 when none.</summary>
    private static readonly sbyte[] CompactIndex = BuildCompactIndex();

    /// <summary>One shared string per ASCII letter, so a compact name as written costs no allocation.</summary>
    private static readonly string[] Letters = [.. Enumerable.Range(0, 128).Select(c => ((char)c).ToString())];

    /// <summary>
    /// The canonical long name for <paramref name="name"/>: the compact form expanded and well-known names in their RFC
    /// spelling; any other name is returned as written (names compare case-insensitively).
    /// </summary>
    public static string Canonical(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var index = IndexOf(name.AsSpan());
        return index >= 0 ? WellKnown[index] : name;
    }

    /// <summary>As <see cref="Canonical(string)"/> for a span (allocates only for a name that is not well known).</summary>
    public static string Canonical(ReadOnlySpan<char> name)
    {
        var index = IndexOf(name);
        return index >= 0 ? WellKnown[index] : name.ToString();
    }

    /// <summary>How many names the well-known table holds.</summary>
    internal static int KnownCount => WellKnown.Length;

    /// <summary>The well-known name at <paramref name="index"/> (from <see cref="IndexOf(ReadOnlySpan{char})"/>).</summary>
    internal static string KnownName(int index) => WellKnown[index];

    /// <summary>Index of the well-known name <paramref name="name"/> (long or compact form, any case), or -1.</summary>
    internal static int IndexOf(ReadOnlySpan<char> name)
    {
        if (name.Length == 1)
        {
            var c = name[0] | 0x20;
            return c is >= 'a' and <= 'z' ? CompactIndex[c - 'a'] : -1;
        }

        if (name.Length >= ByLength.Length)
        {
            return -1;
        }

        foreach (var i in ByLength[name.Length])
        {
            if (System.Text.Ascii.EqualsIgnoreCase(name, WellKnown[i]))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>
    /// Index of the well-known name in <paramref name="name"/> (ASCII octets, long or compact form, any case), or -1;
    /// <paramref name="spelling"/> is the shared string equal to the octets as written, or null when there is none.
    /// </summary>
    internal static int IndexOf(ReadOnlySpan<byte> name, out string? spelling)
    {
        spelling = null;
        if (name.Length == 1)
        {
            var b = name[0];
            var c = b | 0x20;
            if (c is < 'a' or > 'z')
            {
                return -1;
            }

            spelling = Letters[b];
            return CompactIndex[c - 'a'];
        }

        if (name.Length >= ByLength.Length)
        {
            return -1;
        }

        foreach (var i in ByLength[name.Length])
        {
            var known = WellKnownBytes[i];
            if (name.SequenceEqual(known))
            {
                spelling = WellKnown[i];
                return i;
            }

            if (System.Text.Ascii.EqualsIgnoreCase(name, known))
            {
                return i;
            }
        }

        return -1;
    }

    private static int[][] BuildByLength()
    {
        var max = WellKnown.Max(n => n.Length);
        var table = new int[max + 1][];
        for (var length = 0; length <= max; length++)
        {
            table[length] = [.. Enumerable.Range(0, WellKnown.Length).Where(i => WellKnown[i].Length == length)];
        }

        return table;
    }

    private static sbyte[] BuildCompactIndex()
    {
        var table = new sbyte[26];
        for (var c = 'a'; c <= 'z'; c++)
        {
            table[c - 'a'] = (sbyte)(FromCompact(c) is { } longName ? Array.IndexOf(WellKnown, longName) : -1);
        }

        return table;
    }

    /// <summary>Headers whose values may be comma-joined lists (RFC 3261 §7.3.1).</summary>
    public static bool IsList(string canonical) => canonical is Via or Contact or Route or RecordRoute or Allow or Supported
        or Require or ProxyRequire or Unsupported or Accept or ContentEncoding or AllowEvents or "Accept-Encoding" or "Accept-Language"
        or "In-Reply-To" or Warning;

    /// <summary>Headers that must appear at most once (RFC 3261 §7.3.1, Table 2/3).</summary>
    public static bool IsSingle(string canonical) => canonical is From or To or CallId or CSeq or MaxForwards or ContentLength
        or ContentType or Expires or SessionExpires or MinSE or RSeq or RAck or Date;
}
