namespace FaxBox.Media.Rtp;

/// <summary>RTCP packet types (RFC 3550 §12.1).</summary>
public enum RtcpPacketType : byte
{
    /// <summary>Sender report (§6.4.1).</summary>
    Sr = 200,

    /// <summary>Receiver report (§6.4.2).</summary>
    Rr = 201,

    /// <summary>Source description (§6.5).</summary>
    Sdes = 202,

    /// <summary>Goodbye (§6.6).</summary>
    Bye = 203,

    /// <summary>Application-defined (§6.7).</summary>
    App = 204,
}
