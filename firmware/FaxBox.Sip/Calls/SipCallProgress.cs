using FaxBox.Sip.Sdp;

namespace FaxBox.Sip.Calls;

/// <summary>A provisional response to the box's INVITE (180 Ringing, 183 Session Progress …), with early-media SDP when it had one.</summary>
public sealed record SipCallProgress(SipCall Call, int StatusCode, string ReasonPhrase, bool Reliable, SdpSessionDescription? EarlySdp);
