using FaxBox.Sip.Auth;
using FaxBox.Sip.Transport;

namespace FaxBox.Sip.Calls;

/// <summary>The call side of the user agent (bound from <c>FaxBox:Sip:Calls</c>).</summary>
public sealed class SipUserAgentOptions
{
    /// <summary>The user part of the box's From and Contact URIs. Default "faxbox".</summary>
    public string User { get; init; } = "faxbox";

    /// <summary>The host of the From URI (the account's domain); null uses the local address. Default null.</summary>
    public string? Domain { get; init; }

    /// <summary>The display name in From; null for none. Default null.</summary>
    public string? DisplayName { get; init; }

    /// <summary>The User-Agent and Server header value. Default "FaxBox".</summary>
    public string UserAgent { get; init; } = "FaxBox";

    /// <summary>Credentials for 401/407 challenges to the box's requests (RFC 3261 §22); null answers none. Default null.</summary>
    public DigestCredentials? Credentials { get; init; }

    /// <summary>Where out-of-dialog requests go first (RFC 3261 §8.1.2); null locates the Request-URI (RFC 3263). Default null.</summary>
    public SipEndPoint? OutboundProxy { get; init; }

    /// <summary>Send 180/183 reliably (RFC 3262) when the caller supports 100rel, and PRACK reliable responses. Default true.</summary>
    public bool Use100rel { get; init; } = true;

    /// <summary>
    /// The session interval the box asks for and accepts at most (RFC 4028 Session-Expires); zero turns session timers
    /// off. Default 1800 s (the RFC's recommendation).
    /// </summary>
    public TimeSpan SessionExpires { get; init; } = TimeSpan.FromSeconds(1800);

    /// <summary>
    /// The shortest session interval the box accepts (RFC 4028 Min-SE; 422 below it). The RFC says at least 90 s; smaller
    /// values are for tests against short-timer peers. Default 90 s.
    /// </summary>
    public TimeSpan MinSessionExpires { get; init; } = TimeSpan.FromSeconds(90);

    /// <summary>
    /// While a fax is active and the peer does not allow UPDATE, a due session refresh (which then needs a re-INVITE) is
    /// deferred until the fax ends, at most until this fraction of the interval has passed (and never later than 90 % of
    /// the peer's own expiry check at interval − min(32 s, interval/3)); then it is sent with the current SDP unchanged.
    /// Default 0.75.
    /// </summary>
    public double FaxRefreshDeferralLimit { get; init; } = 0.75;

    /// <summary>
    /// How long an outgoing INVITE may ring (after its first provisional response) before the box cancels it; the INVITE
    /// is then given up 64·T1 after the CANCEL if no final response comes (RFC 3261 §9.1). Default 180 s.
    /// </summary>
    public TimeSpan MaxRingTime { get; init; } = TimeSpan.FromSeconds(180);

    /// <summary>How often a re-INVITE is sent again after 491 Request Pending (RFC 3261 §14.1). Default 3.</summary>
    public int MaxGlareRetries { get; init; } = 3;

    /// <summary>How many 401/407/422 rounds one request may take before the box gives up. Default 3.</summary>
    public int MaxChallengeRounds { get; init; } = 3;
}
