namespace FaxBox.Fax;

/// <summary>
/// Where a T.38 terminal or gateway puts the IFP packets it sends. One call per IFP, synchronously from inside the
/// frame call that produced it. The packet span is only valid during the call.
/// </summary>
public interface IIfpSink
{
    /// <summary>
    /// One T.38 IFP (ASN.1 PER, no UDPTL header) and how many times the engine wants it sent: 1 for image data,
    /// more for indicators and end-of-data packets, which the transport may honour with repeats or redundancy.
    /// </summary>
    void SendIfp(ReadOnlySpan<byte> ifp, int repeatCount);
}
