using FaxBox.Sip.Sdp;

namespace FaxBox.CallControl.Calls;

/// <summary>An accepted incoming INVITE: the port's new call, the SDP the box answers with, and the session it makes (null when the box made the offer).</summary>
internal sealed record IncomingAnswer(GatewayCall Call, SdpSessionDescription Answer, SdpMediaSession? Session);
