namespace FaxBox.Media.Rtp;

/// <summary>
/// A snapshot of one RTP session's quality figures (RFC 3550 §6.4), kept per call for the fax quality record:
/// what we received, and what the peer reported about what we sent.
/// </summary>
public readonly record struct RtpSessionStatistics
{
    public long PacketsSent { get; init; }

    public long OctetsSent { get; init; }

    public long PacketsReceived { get; init; }

    /// <summary>Packets expected from the peer's sequence numbers (A.3).</summary>
    public long PacketsExpected { get; init; }

    /// <summary>Cumulative packets lost from the peer (A.3).</summary>
    public long PacketsLost { get; init; }

    /// <summary>Fraction lost in the last report interval, 0..1.</summary>
    public double FractionLost { get; init; }

    /// <summary>Interarrival jitter of the peer's stream (A.8).</summary>
    public TimeSpan Jitter { get; init; }

    /// <summary>Last round-trip time from LSR/DLSR (§6.4.1); zero until measured.</summary>
    public TimeSpan RoundTrip { get; init; }

    /// <summary>The peer's view of our stream: cumulative lost from its last report block.</summary>
    public long RemotePacketsLost { get; init; }

    /// <summary>The peer's view: fraction lost, 0..1.</summary>
    public double RemoteFractionLost { get; init; }

    /// <summary>The peer's view: interarrival jitter of our stream.</summary>
    public TimeSpan RemoteJitter { get; init; }

    public long RtcpSent { get; init; }

    public long RtcpReceived { get; init; }

    /// <summary>Packets or RTCP that did not parse.</summary>
    public long Malformed { get; init; }

    /// <summary>True once the peer sent RTCP BYE.</summary>
    public bool ByeReceived { get; init; }
}
