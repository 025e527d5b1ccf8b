namespace FaxBox.Sip.Sdp;

public enum SdpMediaKind
{
    /// <summary>No usable stream: the answer is 488 Not Acceptable Here.</summary>
    None,

    /// <summary>G.711 audio over RTP (RFC 3551).</summary>
    Audio,

    /// <summary>T.38 over UDPTL (m=image … udptl t38).</summary>
    T38,
}
