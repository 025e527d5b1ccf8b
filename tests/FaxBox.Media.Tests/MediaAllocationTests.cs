using System.Net;
using FaxBox.Core;
using FaxBox.Media.G711;
using FaxBox.Media.Jitter;
using FaxBox.Media.Rfc4733;
using FaxBox.Media.Rtp;
using FaxBox.Media.Tests.Support;
using FaxBox.Media.Udptl;

namespace FaxBox.Media.Tests;

/// <summary>Zero bytes per packet in steady state, measured with the runtime's allocation counter on this thread.</summary>
public sealed class MediaAllocationTests
{
    [Fact]
    public void Udptl_encode_decode_with_redundancy_and_fec_allocates_nothing_per_packet()
    {
        foreach (UdptlErrorRecovery mode in new[] { UdptlErrorRecovery.Redundancy, UdptlErrorRecovery.Fec })
        {
            var options = new UdptlOptions { ErrorRecovery = mode, ReorderTimeout = TimeSpan.FromMilliseconds(40) };
            var encoder = new UdptlEncoder(options);
            var decoder = new UdptlDecoder(options, new NullIfpHandler());
            var buffer = new byte[encoder.MaxPacketSize];
            byte[] ifp = [0xD0, 0x01, 0xE0, 0x00, 0x23, .. new byte[36]];
            long Run(int count, int offset)
            {
                long before = GC.GetAllocatedBytesForCurrentThread();
                for (int i = 0; i < count; i++)
                {
                    ifp[6] = (byte)i;
                    encoder.Encode(ifp, buffer, out int n);
                    if (i % 9 != 4)
                    {
                        decoder.Receive(buffer.AsSpan(0, n), TimeSpan.FromMilliseconds(20 * (i + offset)));
                    }

                    decoder.Poll(TimeSpan.FromMilliseconds(20 * (i + offset)));
                }

                return GC.GetAllocatedBytesForCurrentThread() - before;
            }

            Run(200, 0);
            Assert.Equal(0, Run(10_000, 200));
            Assert.True(decoder.Statistics.IfpsDelivered > 9_000);
        }
    }

    [Fact]
    public void Rtp_and_udptl_sessions_over_sockets_with_jitter_buffer_and_dtmf_allocate_nothing_per_packet()
    {
        var ports = Loopback.Ports();
        var sink = new JitterSink();
        var time = new ManualTimeProvider(); // RTCP is due by this clock, not by how fast the machine runs the loop
        using var b = RtpSession.Open(ports, new RtpSessionOptions { RtcpInterval = TimeSpan.FromMilliseconds(100) }, new IPEndPoint(IPAddress.Loopback, 9), sink, time);
        using var a = RtpSession.Open(ports, new RtpSessionOptions { RtcpInterval = TimeSpan.FromMilliseconds(100) }, b.LocalRtpEndPoint, new JitterSink(), time);
        var ifps = new NullIfpHandler();
        using var fb = UdptlSession.Open(ports, new UdptlOptions(), new IPEndPoint(IPAddress.Loopback, 9), ifps);
        using var fa = UdptlSession.Open(ports, new UdptlOptions(), fb.LocalEndPoint, new NullIfpHandler());
        var dtmf = new TelephoneEventSender(a, new TelephoneEventOptions());
        var pcm = new short[AudioFrame.Samples];
        var ulaw = new byte[AudioFrame.Samples];
        var output = new short[AudioFrame.Samples];
        byte[] ifp = [0xD0, 0x01, 0xE0, 0x00, 0x23, .. new byte[36]];
        long tick = 0;
        long Run(int ticks)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < ticks; i++, tick++)
            {
                TimeSpan now = TimeSpan.FromMilliseconds(20 * tick);
                time.Advance(AudioFrame.Duration);
                if (tick % 100 == 50)
                {
                    dtmf.Start(TelephoneEventCode.Digit3, TimeSpan.FromMilliseconds(100));
                }

                if (dtmf.Busy)
                {
                    dtmf.OnTick();
                }
                else
                {
                    G711MuLaw.Encode(pcm, ulaw);
                    a.SendAudio(0, ulaw, AudioFrame.Samples);
                }

                fa.SendIfp(ifp, repeatCount: tick % 50 == 0 ? 3 : 1);
                a.Poll();
                b.Poll();
                fa.Poll(now);
                fb.Poll(now);
                sink.Jitter.Get(output);
            }

            return GC.GetAllocatedBytesForCurrentThread() - before;
        }

        Run(300);
        long allocated = Run(3_000);
        Assert.Equal(0, allocated);
        Assert.True(b.Statistics.PacketsReceived > 2_000);
        Assert.True(fb.ReceiveStatistics.IfpsDelivered > 2_000);
        Assert.True(b.Statistics.RtcpSent > 0);
    }

    private sealed class JitterSink : IRtpPacketHandler
    {
        private readonly short[] _pcm = new short[AudioFrame.Samples];

        public FixedJitterBuffer Jitter { get; } = new(new FixedJitterBufferOptions());

        public void OnRtpPacket(in RtpHeader header, ReadOnlySpan<byte> payload)
        {
            if (header.PayloadType == 0)
            {
                G711MuLaw.Decode(payload, _pcm);
                Jitter.Put(header.Timestamp, _pcm);
            }
        }
    }

    private sealed class NullIfpHandler : IUdptlIfpHandler
    {
        public void OnIfp(ReadOnlySpan<byte> ifp, ushort sequence)
        {
        }
    }
}
