namespace FaxBox.Sip.Auth;

/// <summary>
/// The answer to a challenge: the outcome, the header to add (<c>Authorization</c> for 401, <c>Proxy-Authorization</c>
/// for 407) and its value, or the reason there is none.
/// </summary>
public sealed record DigestAnswer(DigestOutcome Outcome, string? HeaderName, string? HeaderValue, string? Reason)
{
    internal static DigestAnswer Fail(DigestOutcome outcome, string reason) => new(outcome, null, null, reason);
}
