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

    private static readonly string[] WellKnown =
    [
        Via, From, To, CallId, CSeq, Contact, MaxForwards, ContentLength, ContentType, Route, RecordRoute, Allow, Supported,
        Require, UserAgent, Server, Expires, Accept, Date, SessionExpires, MinSE, RSeq, RAck, ProxyRequire, Unsupported,
        Subject, ContentEncoding, Warning, RetryAfter, Event, AllowEvents, ReferTo,
    ];

    /// <summary>
    /// The canonical long name for <paramref name="name"/>: the compact form expanded and well-known names in their RFC
    /// spelling; any other name is returned as written (names compare case-insensitively).
    /// </summary>
    public static string Canonical(ReadOnlySpan<char> name)
    {
        if (name.Length == 1 && FromCompact(name[0]) is { } longName)
        {
            return longName;
        }

        foreach (var known in WellKnown)
        {
            if (name.Equals(known, StringComparison.OrdinalIgnoreCase))
            {
                return known;
            }
        }

        return name.ToString();
    }

    /// <summary>Headers whose values may be comma-joined lists (RFC 3261 §7.3.1).</summary>
    public static bool IsList(string canonical) => canonical is Via or Contact or Route or RecordRoute or Allow or Supported
        or Require or ProxyRequire or Unsupported or Accept or ContentEncoding or AllowEvents or "Accept-Encoding" or "Accept-Language"
        or "In-Reply-To" or Warning;

    /// <summary>Headers that must appear at most once (RFC 3261 §7.3.1, Table 2/3).</summary>
    public static bool IsSingle(string canonical) => canonical is From or To or CallId or CSeq or MaxForwards or ContentLength
        or ContentType or Expires or SessionExpires or MinSE or RSeq or RAck or Date;
}
