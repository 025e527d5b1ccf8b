namespace FaxBox.Sip.Sdp;

/// <summary>Media direction attributes (RFC 4566 §6, RFC 3264 §6.1 for the answer's mirror image).</summary>
public enum SdpDirection
{
    SendRecv,
    SendOnly,
    RecvOnly,
    Inactive,
}
