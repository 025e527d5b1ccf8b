namespace FaxBox.Media.Udptl;

/// <summary>
/// What the peer's SDP <c>T38FaxMaxDatagram</c> limits. T.38 Annex D says the UDPTL payload, but several stacks read
/// it as the largest IFP ("UDPTL asked to send 59 bytes … far end only prepared to accept 58"), so it is a per-peer option.
/// </summary>
public enum UdptlMaxDatagramInterpretation
{
    /// <summary>The whole UDPTL packet (seq, primary, error recovery) stays within the limit; secondary IFPs or FEC entries are dropped to fit. Safe under either reading. The default.</summary>
    UdptlPacket = 0,

    /// <summary>Only the primary IFP is limited; the datagram may be larger (up to <see cref="UdptlOptions.MaxUdpPayload"/>).</summary>
    IfpSize = 1,
}
