using FaxBox.Sip.Sdp;

namespace FaxBox.Sip.Calls;

/// <summary>
/// An SDP offer from the peer inside a call (a re-INVITE or UPDATE, RFC 3311 / RFC 3264 §8) for the gateway to accept
/// or refuse. <see cref="IsFaxActive"/> tells whether the call is carrying a fax when the offer arrives.
/// </summary>
public sealed record SipOffer(SipCall Call, string Method, SdpSessionDescription Offer, bool IsFaxActive);
