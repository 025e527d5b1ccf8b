using System.Collections.Immutable;
using FaxBox.Core.Status;

namespace FaxBox.CallControl.Bridging;

/// <summary>What one call's media did: the network side and the T.30 session seen on the way (for the per-fax record).</summary>
/// <param name="Mode">The mode in force.</param>
/// <param name="Network">RTP and UDPTL counters summed over the call.</param>
/// <param name="Pages">Pages confirmed (MCF) in the relayed or passed-through T.30 session.</param>
/// <param name="BitRate">The image rate of the last DCS, 0 when none was seen.</param>
/// <param name="Ecm">Whether the last DCS asked for ECM.</param>
/// <param name="T30Result">The T.30 outcome seen so far in words ("ok", "no T.30 session seen", "DCN after FTT"…).</param>
/// <param name="T30Success">True when the session ended normally: DCN after an MCF to EOP.</param>
/// <param name="Elapsed">Media time since the media was made.</param>
public sealed record CallMediaStatistics(
    CallMediaMode Mode,
    FaxNetworkStatistics Network,
    int Pages,
    int BitRate,
    bool Ecm,
    string T30Result,
    bool T30Success,
    TimeSpan Elapsed)
{
    /// <summary>The RTP part of <see cref="Network"/> (G.711 voice and pass-through).</summary>
    public FaxNetworkStatistics Rtp { get; init; } = FaxNetworkStatistics.None;

    /// <summary>The UDPTL part of <see cref="Network"/> (T.38): datagrams, IFPs lost and recovered by redundancy or FEC.</summary>
    public FaxNetworkStatistics Udptl { get; init; } = FaxNetworkStatistics.None;

    /// <summary>The T.30 frames seen so far, for the record's ladder diagram (<see cref="FaxRecord.T30Frames"/>).</summary>
    public ImmutableArray<T30FrameEntry> T30Frames { get; init; } = [];

    /// <summary>Frames left out of <see cref="T30Frames"/> once it was full.</summary>
    public int T30FramesOmitted { get; init; }
}
