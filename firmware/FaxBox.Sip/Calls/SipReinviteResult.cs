using FaxBox.Sip.Sdp;

namespace FaxBox.Sip.Calls;

/// <summary>The result of <see cref="SipCall.ReinviteAsync"/>: the outcome, the final status code and the peer's answer.</summary>
public sealed record SipReinviteResult(SipReinviteOutcome Outcome, int StatusCode, SdpSessionDescription? Answer, string? Detail);
