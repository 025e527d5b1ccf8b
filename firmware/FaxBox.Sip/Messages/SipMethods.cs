namespace FaxBox.Sip.Messages;

/// <summary>SIP method names (RFC 3261 §7.1 and extensions). Methods are case-sensitive.</summary>
public static class SipMethods
{
    public const string Invite = "INVITE";
    public const string Ack = "ACK";
    public const string Bye = "BYE";
    public const string Cancel = "CANCEL";
    public const string Options = "OPTIONS";
    public const string Register = "REGISTER";

    /// <summary>RFC 3262.</summary>
    public const string Prack = "PRACK";

    /// <summary>RFC 3311.</summary>
    public const string Update = "UPDATE";

    /// <summary>RFC 6086.</summary>
    public const string Info = "INFO";

    public const string Message = "MESSAGE";
    public const string Refer = "REFER";
    public const string Subscribe = "SUBSCRIBE";
    public const string Notify = "NOTIFY";
    public const string Publish = "PUBLISH";

    private static readonly string[] Known = [Invite, Ack, Bye, Cancel, Options, Register, Prack, Update, Info, Message, Refer, Subscribe, Notify, Publish];

    /// <summary>Methods the box serves as a UAS (the Allow header).</summary>
    private static readonly string[] AllowedMethods = [Invite, Ack, Bye, Cancel, Options, Prack, Update, Info];

    /// <summary>The Allow header value.</summary>
    public const string AllowHeaderValue = "INVITE, ACK, BYE, CANCEL, OPTIONS, PRACK, UPDATE, INFO";

    /// <summary>The methods <see cref="Intern"/> shares.</summary>
    internal static ReadOnlySpan<string> KnownMethods => Known;

    public static bool IsKnown(string method) => Array.IndexOf(Known, method) >= 0;

    public static IReadOnlyList<string> Allowed => AllowedMethods;

    public static bool IsAllowed(string method) => Array.IndexOf(AllowedMethods, method) >= 0;

    /// <summary>The shared instance for a known method, or a new string.</summary>
    public static string Intern(ReadOnlySpan<char> method)
    {
        foreach (var known in Known)
        {
            if (method.SequenceEqual(known))
            {
                return known;
            }
        }

        return method.ToString();
    }
}
