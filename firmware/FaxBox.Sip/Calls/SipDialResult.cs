using FaxBox.Sip.Sdp;

namespace FaxBox.Sip.Calls;

/// <summary>The result of <see cref="SipCall.DialAsync"/>: connected with the peer's SDP answer, or why not.</summary>
public sealed record SipDialResult(bool Connected, int StatusCode, string ReasonPhrase, SipCallEndReason EndReason, SdpSessionDescription? Answer);
