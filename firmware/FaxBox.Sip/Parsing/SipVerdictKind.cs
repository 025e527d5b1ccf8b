namespace FaxBox.Sip.Parsing;

public enum SipVerdictKind
{
    /// <summary>Well formed and acceptable: goes on to the transaction layer.</summary>
    Accept,

    /// <summary>A request answered with an error status.</summary>
    Reject,

    /// <summary>A response dropped (and logged): responses are never answered (RFC 3261 §18.1.2).</summary>
    Discard,
}
