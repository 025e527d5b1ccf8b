namespace FaxBox.Sip.Sdp;

/// <summary>
/// The T.38 settings both sides agreed on (ITU-T T.38 Annex D offer/answer): the version is the lower one, the box sends
/// with <see cref="ErrorCorrection"/>, and never sends a datagram larger than <see cref="RemoteMaxDatagram"/>, the size the
/// peer announced (kept per peer; null when the peer said nothing: then a conservative default applies).
/// </summary>
public sealed record T38Session(
    int Version,
    int MaxBitRate,
    T38RateManagement RateManagement,
    T38ErrorCorrection ErrorCorrection,
    int? RemoteMaxDatagram,
    int? RemoteMaxBuffer,
    bool FillBitRemoval);
