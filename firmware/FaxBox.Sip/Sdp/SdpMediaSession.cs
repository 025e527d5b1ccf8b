using System.Net;

namespace FaxBox.Sip.Sdp;

/// <summary>
/// The outcome of one offer/answer exchange: the active stream (audio or T.38) with the peer's address, or none.
/// </summary>
/// <param name="Kind">Audio, T.38 or none (every stream rejected).</param>
/// <param name="Remote">Where to send media (null when the peer holds with 0.0.0.0 or the stream is rejected).</param>
/// <param name="AudioPayloadType">The RTP payload type chosen for audio (0 PCMU, 8 PCMA), or -1.</param>
/// <param name="TelephoneEventPayloadType">The peer's telephone-event payload type, or -1.</param>
/// <param name="Direction">The direction from the box's side.</param>
/// <param name="T38">The agreed T.38 settings for an image stream.</param>
public sealed record SdpMediaSession(
    SdpMediaKind Kind,
    IPEndPoint? Remote,
    int AudioPayloadType,
    int TelephoneEventPayloadType,
    SdpDirection Direction,
    T38Session? T38);
