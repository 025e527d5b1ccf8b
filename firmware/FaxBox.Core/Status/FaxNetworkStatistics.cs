namespace FaxBox.Core.Status;

/// <summary>What the IP network did to a fax call's media (RTP for G.711, UDPTL for T.38, summed over the call).</summary>
/// <param name="PacketsSent">Packets the box sent.</param>
/// <param name="PacketsReceived">Packets the box received.</param>
/// <param name="PacketsLost">Packets never received (RTP sequence gaps; UDPTL IFPs not recovered).</param>
/// <param name="RecoveredByRedundancy">UDPTL IFPs lost on the wire but recovered from redundancy or FEC.</param>
/// <param name="JitterMilliseconds">Interarrival jitter (RFC 3550 §6.4.1) at the end, for RTP; 0 for UDPTL.</param>
public sealed record FaxNetworkStatistics(long PacketsSent, long PacketsReceived, long PacketsLost, long RecoveredByRedundancy, double JitterMilliseconds)
{
    /// <summary>No traffic.</summary>
    public static FaxNetworkStatistics None { get; } = new(0, 0, 0, 0, 0);
}
