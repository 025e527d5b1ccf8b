namespace FaxBox.Sip.Parsing;

/// <summary>
/// What the box does with a received message before method handling: accept it, answer a request with an error status,
/// or drop a response. <see cref="Unsupported"/> lists option tags for a 420's Unsupported header (RFC 3261 §8.2.2.3).
/// </summary>
public sealed record SipVerdict(SipVerdictKind Kind, int StatusCode, string ReasonPhrase, string Detail, IReadOnlyList<string>? Unsupported = null)
{
    public static SipVerdict Accept { get; } = new(SipVerdictKind.Accept, 0, string.Empty, string.Empty);

    public bool IsAccepted => Kind == SipVerdictKind.Accept;

    /// <summary>The line <c>faxbox sip lint</c> prints: "accept", "reject CODE REASON" or "discard REASON".</summary>
    public override string ToString() => Kind switch
    {
        SipVerdictKind.Accept => "accept",
        SipVerdictKind.Reject => $"reject {StatusCode} {ReasonPhrase}",
        _ => $"discard {ReasonPhrase}",
    };
}
