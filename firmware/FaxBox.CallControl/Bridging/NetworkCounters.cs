using FaxBox.Core.Status;
using FaxBox.Media.Rtp;
using FaxBox.Media.Udptl;

namespace FaxBox.CallControl.Bridging;

/// <summary>One transport's counters, summed over the sessions a call used (a value, copied without allocation).</summary>
internal readonly record struct NetworkCounters(long Sent, long Received, long Lost, long Recovered, double JitterMilliseconds)
{
    /// <summary>An RTP session's figures now (sent, received, lost by sequence gaps, jitter); zero for none.</summary>
    public static NetworkCounters Of(RtpSession? rtp)
    {
        if (rtp is null)
        {
            return default;
        }

        RtpSessionStatistics s = rtp.Statistics;
        return new NetworkCounters(s.PacketsSent, s.PacketsReceived, Math.Max(0, s.PacketsLost), 0, s.Jitter.TotalMilliseconds);
    }

    /// <summary>A UDPTL session's figures now (datagrams sent and received, IFPs lost and recovered); zero for none.</summary>
    public static NetworkCounters Of(UdptlSession? udptl)
    {
        if (udptl is null)
        {
            return default;
        }

        UdptlReceiveStatistics r = udptl.ReceiveStatistics;
        return new NetworkCounters(udptl.SendStatistics.Datagrams, r.Datagrams, r.IfpsLost, r.RecoveredByRedundancy + r.RecoveredByFec, 0);
    }

    /// <summary>Sums counters; the jitter is the later session's (RFC 3550 jitter is a running estimate, not a sum).</summary>
    public static NetworkCounters operator +(NetworkCounters a, NetworkCounters b) =>
        new(a.Sent + b.Sent, a.Received + b.Received, a.Lost + b.Lost, a.Recovered + b.Recovered, b.Sent + b.Received > 0 ? b.JitterMilliseconds : a.JitterMilliseconds);

    /// <summary>The status model's form.</summary>
    public FaxNetworkStatistics ToStatus() => new(Sent, Received, Lost, Recovered, JitterMilliseconds);
}
