using FaxBox.Core.T38;
using System.Net;
using System.Net.Sockets;
using FaxBox.Media.Rtp;
using FaxBox.Media.Tests.Rtp;
using FaxBox.Media.Tests.Support;
using FaxBox.Media.Udptl;

namespace FaxBox.Media.Tests.Udptl;

/// <summary>UDPTL through real sockets on 127.0.0.1, with an in-process impairment proxy in between.</summary>
public sealed class UdptlSessionTests
{
    [Theory]
    [InlineData(0.0, 0.0, 0.0, 0.0, 0)]
    [InlineData(0.10, 0.0, 0.0, 0.0, 1)]
    [InlineData(0.05, 0.0, 0.05, 0.05, 2)]
    [InlineData(0.0, 0.02, 0.0, 0.0, 3)]
    public void Ifps_cross_an_impaired_link_in_order_and_complete(double loss, double burst, double duplicate, double reorder, int seed)
    {
        var ports = Loopback.Ports();
        var options = new UdptlOptions { ImageRedundancy = 3, ControlRedundancy = 4, ReorderTimeout = TimeSpan.FromMilliseconds(60), KeepAliveInterval = TimeSpan.Zero };
        var atB = new RecordingIfpHandler();
        using var b = UdptlSession.Open(ports, options, new IPEndPoint(IPAddress.Loopback, 9), atB);
        using var proxy = new UdpImpairmentProxy(b.LocalEndPoint, seed) { Loss = loss, BurstStart = burst, BurstEnd = 0.6, Duplicate = duplicate, Reorder = reorder, JitterSteps = reorder > 0 ? 1 : 0 };
        using var a = UdptlSession.Open(ports, options, proxy.EndPoint, new RecordingIfpHandler());

        var sent = new List<byte[]>();
        for (int i = 0; i < 400; i++)
        {
            byte[] ifp = i % 50 < 5 ? [0x06] : UdptlRecoveryTests.MakeImage(i, 36);
            sent.Add(ifp);
            a.SendIfp(ifp);
            TimeSpan now = TimeSpan.FromMilliseconds(20 * i);
            Loopback.Until(() => { proxy.Pump(); b.Poll(now); }, () => proxy.Forwarded + proxy.Dropped >= i + 1 + proxy.Duplicated, "the proxy");
        }

        for (int i = 0; i < 10; i++)
        {
            int step = i;
            Loopback.Until(() => { proxy.Pump(); b.Poll(TimeSpan.FromMilliseconds(8000 + (20 * step))); }, () => proxy.Idle, "the proxy to drain");
        }

        b.Poll(TimeSpan.FromSeconds(20));
        UdptlReceiveStatistics stats = b.ReceiveStatistics;
        Assert.Equal(400, stats.IfpsDelivered + stats.IfpsLost);
        Assert.True(stats.IfpsLost <= (loss + burst > 0 ? 2 : 0), $"lost {stats.IfpsLost} (dropped {proxy.Dropped})");
        ushort previous = 0;
        foreach ((byte[] ifp, ushort seq) in atB.Ifps)
        {
            Assert.True(seq == 0 || seq > previous, "delivered out of order");
            Assert.Equal(sent[seq], ifp);
            previous = seq;
        }

        if (duplicate > 0)
        {
            Assert.True(stats.Duplicates >= proxy.Duplicated / 2);
        }

        if (loss > 0)
        {
            Assert.True(stats.RecoveredByRedundancy > 0);
        }
    }

    [Fact]
    public void No_op_keep_alives_open_the_path_before_the_first_fax_packet_and_stop_after_it()
    {
        var ports = Loopback.Ports();
        var options = new UdptlOptions { KeepAliveInterval = TimeSpan.FromSeconds(1) };
        var atB = new RecordingIfpHandler();
        using var b = UdptlSession.Open(ports, options, new IPEndPoint(IPAddress.Loopback, 9), atB);
        using var a = UdptlSession.Open(ports, options, b.LocalEndPoint, new RecordingIfpHandler());
        a.Poll(TimeSpan.Zero);
        a.Poll(TimeSpan.FromMilliseconds(500));
        a.Poll(TimeSpan.FromMilliseconds(1000));
        Loopback.Until(() => b.Poll(TimeSpan.Zero), () => atB.Ifps.Count == 2, "two keep-alives");
        Assert.All(atB.Ifps, x => Assert.Equal(new byte[] { 0x00 }, x.Ifp));
        Assert.True(b.Latched);
        Assert.Equal(a.LocalEndPoint, b.RemoteEndPoint);

        a.SendIfp([0x04]);
        a.Poll(TimeSpan.FromSeconds(3));
        a.Poll(TimeSpan.FromSeconds(5));
        Loopback.Until(() => b.Poll(TimeSpan.Zero), () => atB.Ifps.Count == 3, "the CED indicator");
        Assert.Equal(2, a.SendStatistics.KeepAlives);
        Assert.Equal(new byte[] { 0x04 }, atB.Ifps[2].Ifp);
    }

    [Fact]
    public void Repeated_copies_are_paced_one_per_tick_and_delivered_once()
    {
        var ports = Loopback.Ports();
        var options = new UdptlOptions { KeepAliveInterval = TimeSpan.Zero };
        var atB = new RecordingIfpHandler();
        using var b = UdptlSession.Open(ports, options, new IPEndPoint(IPAddress.Loopback, 9), atB);
        using var a = UdptlSession.Open(ports, options, b.LocalEndPoint, new RecordingIfpHandler());
        a.SendIfp([0x06], repeatCount: 3);
        Assert.Equal(1, a.SendStatistics.Datagrams);
        a.Poll(TimeSpan.FromMilliseconds(20));
        Assert.Equal(2, a.SendStatistics.Datagrams);
        a.Poll(TimeSpan.FromMilliseconds(40));
        a.Poll(TimeSpan.FromMilliseconds(60));
        Assert.Equal(3, a.SendStatistics.Datagrams);
        Loopback.Until(() => b.Poll(TimeSpan.Zero), () => b.ReceiveStatistics.Datagrams == 3, "three copies");
        Assert.Single(atB.Ifps);
        Assert.Equal(2, b.ReceiveStatistics.Duplicates);
    }

    [Fact]
    public void Tshark_decodes_FaxBox_UDPTL_and_RTP_from_the_wire_with_no_malformed_packet()
    {
        var ports = Loopback.Ports();
        using var sniffer = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        sniffer.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        var snifferEndPoint = (IPEndPoint)sniffer.LocalEndPoint!;
        using var udptl = UdptlSession.Open(ports, new UdptlOptions { ErrorRecovery = UdptlErrorRecovery.Redundancy }, snifferEndPoint, new RecordingIfpHandler());
        using var fec = UdptlSession.Open(ports, new UdptlOptions { ErrorRecovery = UdptlErrorRecovery.Fec, KeepAliveInterval = TimeSpan.Zero }, snifferEndPoint, new RecordingIfpHandler());
        using var rtp = RtpSession.Open(ports, new RtpSessionOptions(), snifferEndPoint, new RecordingRtpHandler());

        udptl.Poll(TimeSpan.Zero); // keep-alive
        var ifp = new byte[64];
        for (int i = 0; i < 30; i++)
        {
            int n = i % 10 == 0 ? T38IfpWriter.WriteIndicator(ifp, T38Indicator.V17_14400LongTraining)
                : T38IfpWriter.WriteData(ifp, T38DataType.V17_14400, [new T38Field(T38FieldType.T4NonEcmData, UdptlRecoveryTests.MakeImage(i, 20))]);
            udptl.SendIfp(ifp.AsSpan(0, n));
            fec.SendIfp(ifp.AsSpan(0, n));
            rtp.SendAudio(0, new byte[160], 160);
        }

        string path = Path.Combine(Path.GetTempPath(), $"faxbox-wire-{Guid.NewGuid():N}.pcap");
        try
        {
            var counts = new Dictionary<int, int>();
            using (var pcap = new PcapWriter(path))
            {
                var buffer = new byte[2048];
                EndPoint from = new IPEndPoint(IPAddress.Any, 0);
                int total = 0;
                bool all = SpinWait.SpinUntil(() =>
                {
                    while (sniffer.Available > 0)
                    {
                        int n = sniffer.ReceiveFrom(buffer, ref from);
                        int port = ((IPEndPoint)from).Port;
                        counts[port] = counts.GetValueOrDefault(port) + 1;
                        pcap.Write(TimeSpan.FromMilliseconds(20 * total++), port, snifferEndPoint.Port, buffer.AsSpan(0, n));
                    }

                    return total >= 31 + 30 + 30;
                }, TimeSpan.FromSeconds(5));
                Assert.True(all, $"captured {total}");
            }

            int u = udptl.LocalEndPoint.Port, f = fec.LocalEndPoint.Port, r = rtp.LocalRtpEndPoint.Port;
            string[] decode = ["-r", path, "-d", $"udp.port=={u},t38", "-d", $"udp.port=={f},t38", "-d", $"udp.port=={r},rtp"];
            Assert.Equal(string.Empty, Tshark.Run([.. decode, "-Y", "_ws.malformed || _ws.expert.severity == error"]).Trim());
            Assert.Equal(31, Lines(Tshark.Run([.. decode, "-Y", $"t38 && udp.srcport=={u}", "-T", "fields", "-e", "t38.seq_number"])));
            Assert.Equal(30, Lines(Tshark.Run([.. decode, "-Y", $"t38.fec_info_element && udp.srcport=={f}", "-T", "fields", "-e", "t38.seq_number"])));
            // 27 data IFPs; with the secondaries, every packet but the first (whose history is the keep-alive) carries one.
            Assert.Equal(29, Lines(Tshark.Run([.. decode, "-Y", $"t38.field_type == 6 && udp.srcport=={u}", "-T", "fields", "-e", "t38.seq_number"])));
            Assert.Equal(30, Lines(Tshark.Run([.. decode, "-Y", "rtp.p_type == 0 && rtp.version == 2", "-T", "fields", "-e", "rtp.seq"])));
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static int Lines(string output) => output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length;
}
