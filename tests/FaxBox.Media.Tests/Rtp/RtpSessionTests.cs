using System.Net;
using FaxBox.Media.G711;
using FaxBox.Media.Rtp;
using FaxBox.Media.Tests.Support;

namespace FaxBox.Media.Tests.Rtp;

/// <summary>RTP and RTCP round trips through real UDP sockets on 127.0.0.1.</summary>
public sealed class RtpSessionTests
{
    [Fact]
    public void Audio_frames_round_trip_in_order_with_consecutive_sequence_and_timestamps()
    {
        var ports = Loopback.Ports();
        var toB = new RecordingRtpHandler();
        var toA = new RecordingRtpHandler();
        using var a = RtpSession.Open(ports, new RtpSessionOptions(), new IPEndPoint(IPAddress.Loopback, 9), toA);
        using var b = RtpSession.Open(ports, new RtpSessionOptions(), a.LocalRtpEndPoint, toB);
        Assert.Equal(0, a.LocalRtpEndPoint.Port % 2);
        Assert.Equal(a.LocalRtpEndPoint.Port + 1, a.LocalRtcpEndPoint.Port);

        // b knows a's address; a learns b's by latching on b's first packet.
        var frame = new byte[160];
        for (int i = 0; i < 50; i++)
        {
            frame[0] = (byte)i;
            b.SendAudio(G711Codec.RtpPayloadType(G711Law.MuLaw), frame, 160, marker: i == 0);
        }

        Loopback.Until(a.Poll, () => toA.Packets.Count == 50, "50 packets at a");
        Assert.True(a.Latched);
        Assert.Equal(b.LocalRtpEndPoint, a.RemoteRtpEndPoint);
        for (int i = 0; i < 50; i++)
        {
            Assert.Equal((byte)i, toA.Packets[i].Payload[0]);
            Assert.Equal((ushort)(toA.Packets[0].Header.SequenceNumber + i), toA.Packets[i].Header.SequenceNumber);
            Assert.Equal(toA.Packets[0].Header.Timestamp + (uint)(160 * i), toA.Packets[i].Header.Timestamp);
            Assert.Equal(b.Ssrc, toA.Packets[i].Header.Ssrc);
        }

        Assert.True(toA.Packets[0].Header.Marker);

        // Symmetric RTP: a answers to where b's packets came from, although it was told port 9.
        a.SendAudio(0, frame, 160);
        Loopback.Until(b.Poll, () => toB.Packets.Count == 1, "the reply at b");
        RtpSessionStatistics stats = a.Statistics;
        Assert.Equal(50, stats.PacketsReceived);
        Assert.Equal(0, stats.PacketsLost);
    }

    [Fact]
    public void Without_latching_packets_from_elsewhere_are_dropped_and_counted()
    {
        var ports = Loopback.Ports();
        var toA = new RecordingRtpHandler();
        using var a = RtpSession.Open(ports, new RtpSessionOptions { SymmetricLatching = false }, new IPEndPoint(IPAddress.Loopback, 9), toA);
        using var b = RtpSession.Open(ports, new RtpSessionOptions(), a.LocalRtpEndPoint, new RecordingRtpHandler());
        b.SendAudio(0, new byte[160], 160);
        b.SendAudio(0, new byte[160], 160);
        Loopback.Until(a.Poll, () => a.ForeignPackets == 2, "two foreign packets");
        Assert.Empty(toA.Packets);
        Assert.False(a.Latched);
        Assert.Equal(new IPEndPoint(IPAddress.Loopback, 9), a.RemoteRtpEndPoint);
    }

    [Fact]
    public void Rtcp_reports_carry_loss_jitter_and_round_trip_between_the_two_ends()
    {
        var ports = Loopback.Ports();
        var time = new ManualTimeProvider();
        var toB = new RecordingRtpHandler();
        var options = new RtpSessionOptions { RtcpInterval = TimeSpan.FromHours(1) };
        using var b = RtpSession.Open(ports, options, new IPEndPoint(IPAddress.Loopback, 9), toB, time);
        using var proxy = new UdpImpairmentProxy(b.LocalRtpEndPoint, seed: 7) { Loss = 0.1 };
        var (aRtp, aRtcp) = ports.BindRtpPair();
        using var a = new RtpSession(options, aRtp, aRtcp, proxy.EndPoint, b.LocalRtcpEndPoint, new RecordingRtpHandler(), time);

        var frame = new byte[160];
        for (int i = 0; i < 200; i++)
        {
            a.SendAudio(8, frame, 160);
            time.Advance(TimeSpan.FromMilliseconds(20));
            Loopback.Until(() => { proxy.Pump(); b.Poll(); }, () => proxy.Forwarded + proxy.Dropped == i + 1, "the proxy");
        }

        Loopback.Until(b.Poll, () => toB.Packets.Count == proxy.Forwarded, "b to read everything");
        RtpSessionStatistics atB = b.Statistics;
        Assert.True(proxy.Dropped > 5);
        Assert.Equal(proxy.Forwarded, atB.PacketsReceived);
        Assert.Equal(atB.PacketsExpected - atB.PacketsReceived, atB.PacketsLost);
        Assert.InRange(atB.PacketsLost, proxy.Dropped - 2, proxy.Dropped); // a loss after the last received packet is not visible yet
        Assert.True(atB.Jitter < TimeSpan.FromMilliseconds(20), $"jitter {atB.Jitter}");

        // a's SR travels 30 ms, b answers 100 ms after it arrived, the answer travels 20 ms: RTT = 50 ms (§6.4.1).
        a.SendReportNow();
        time.Advance(TimeSpan.FromMilliseconds(30));
        Loopback.Until(b.Poll, () => b.Statistics.RtcpReceived == 1, "a's SR at b");
        time.Advance(TimeSpan.FromMilliseconds(100));
        b.SendReportNow();
        time.Advance(TimeSpan.FromMilliseconds(20));
        Loopback.Until(a.Poll, () => a.Statistics.RtcpReceived == 1, "b's RR at a");
        RtpSessionStatistics atA = a.Statistics;
        Assert.Equal(atB.PacketsLost, atA.RemotePacketsLost);
        Assert.True(atA.RemoteFractionLost > 0.02, $"fraction {atA.RemoteFractionLost}");
        Assert.InRange(atA.RoundTrip.TotalMilliseconds, 49, 51);
    }

    [Fact]
    public void Dispose_sends_bye()
    {
        var ports = Loopback.Ports();
        using var a = RtpSession.Open(ports, new RtpSessionOptions(), new IPEndPoint(IPAddress.Loopback, 9), new RecordingRtpHandler());
        var b = RtpSession.Open(ports, new RtpSessionOptions(), a.LocalRtpEndPoint, new RecordingRtpHandler());
        b.Dispose();
        Loopback.Until(a.Poll, () => a.Statistics.ByeReceived, "BYE");
    }
}
