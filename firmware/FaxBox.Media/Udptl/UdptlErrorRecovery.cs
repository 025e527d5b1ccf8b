namespace FaxBox.Media.Udptl;

/// <summary>The <c>error-recovery</c> CHOICE of a UDPTL packet (ITU-T T.38 §9.1.4 and Annex A); SDP <c>T38FaxUdpEC</c>.</summary>
public enum UdptlErrorRecovery
{
    /// <summary><c>secondary-ifp-packets</c>: copies of the previous IFPs (<c>t38UDPRedundancy</c>).</summary>
    Redundancy = 0,

    /// <summary><c>fec-info</c>: XOR parity over earlier IFPs (<c>t38UDPFEC</c>).</summary>
    Fec = 1,
}
