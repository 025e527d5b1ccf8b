namespace FaxBox.Sip.Sdp;

/// <summary>T38FaxUdpEC (ITU-T T.38 Annex D, §D.2.3): the UDPTL error-recovery scheme.</summary>
public enum T38ErrorCorrection
{
    /// <summary>No T38FaxUdpEC attribute: no error recovery announced.</summary>
    None,

    /// <summary>t38UDPRedundancy: earlier IFPs repeated in each packet (what the box sends).</summary>
    Redundancy,

    /// <summary>t38UDPFEC: parity FEC (accepted from a peer that offers only FEC).</summary>
    Fec,
}
