using System.Net;
using FaxBox.Media.Rfc4733;
using FaxBox.Media.Rtp;
using FaxBox.Media.Tests.Rtp;
using FaxBox.Media.Tests.Support;

namespace FaxBox.Media.Tests.Rfc4733;

public sealed class TelephoneEventTests
{
    [Fact]
    public void Payload_matches_the_RFC_4733_layout()
    {
        var buffer = new byte[4];
        new TelephoneEvent(TelephoneEventCode.Digit5, true, 10, 800).Write(buffer);
        Assert.Equal(new byte[] { 0x05, 0x8A, 0x03, 0x20 }, buffer);
        Assert.True(TelephoneEvent.TryParse(buffer, out TelephoneEvent e, out _));
        Assert.Equal(new TelephoneEvent(TelephoneEventCode.Digit5, true, 10, 800), e);
        Assert.False(TelephoneEvent.TryParse(buffer.AsSpan(0, 3), out _, out string? error));
        Assert.Contains("shorter than 4", error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_digit_is_sent_as_marker_start_updates_and_three_end_packets_on_one_timestamp()
    {
        var rtp = new FakeRtpSender();
        var sender = new TelephoneEventSender(rtp, new TelephoneEventOptions());
        uint start = rtp.NextTimestamp;
        sender.Start(TelephoneEventCode.Pound, TimeSpan.FromMilliseconds(100));
        for (int i = 0; i < 10; i++)
        {
            sender.OnTick();
        }

        Assert.False(sender.Busy);
        Assert.Equal(7, rtp.Sent.Count); // 5 updates (the 5th is the first end) + 2 more end packets
        Assert.True(rtp.Sent[0].Marker);
        Assert.All(rtp.Sent.Skip(1), p => Assert.False(p.Marker));
        Assert.All(rtp.Sent, p => Assert.Equal(start, p.Timestamp));
        Assert.All(rtp.Sent, p => Assert.Equal(101, p.PayloadType));
        var events = rtp.Sent.Select(p => { TelephoneEvent.TryParse(p.Payload, out TelephoneEvent e, out _); return e; }).ToList();
        Assert.Equal([160, 320, 480, 640, 800, 800, 800], events.Select(e => (int)e.Duration));
        Assert.Equal([false, false, false, false, true, true, true], events.Select(e => e.End));
        Assert.Equal(start + (7 * 160), rtp.NextTimestamp);
    }

    [Theory]
    [InlineData(new int[0], false)]
    [InlineData(new[] { 0 }, false)]            // lost start: an update starts it
    [InlineData(new[] { 4, 5 }, false)]         // two of three ends lost: the third ends it
    [InlineData(new[] { 4, 5, 6 }, true)]       // all ends lost: timeout
    public void Each_event_starts_and_ends_exactly_once_despite_loss(int[] lost, bool timedOut)
    {
        var rtp = new FakeRtpSender();
        var sender = new TelephoneEventSender(rtp, new TelephoneEventOptions());
        var handler = new RecordingEventHandler();
        var receiver = new TelephoneEventReceiver(new TelephoneEventOptions(), handler);
        sender.Start(TelephoneEventCode.Digit7, TimeSpan.FromMilliseconds(100));
        for (int tick = 0; tick < 30; tick++)
        {
            int before = rtp.Sent.Count;
            sender.OnTick();
            for (int i = before; i < rtp.Sent.Count; i++)
            {
                if (!lost.Contains(i))
                {
                    var p = rtp.Sent[i];
                    receiver.OnRtpPacket(new RtpHeader(p.Marker, p.PayloadType, (ushort)i, p.Timestamp, 1, 12, 4), p.Payload);
                }
            }

            receiver.OnTick();
        }

        Assert.Equal(["start Digit7", $"end Digit7 {(timedOut ? 80 : 100)} {timedOut}"], handler.Log);
    }

    [Fact]
    public void Dtmf_round_trips_over_real_rtp_sessions()
    {
        var ports = Loopback.Ports();
        var handler = new RecordingEventHandler();
        var receiver = new TelephoneEventReceiver(new TelephoneEventOptions(), handler);
        var sink = new EventSink(receiver);
        using var b = RtpSession.Open(ports, new RtpSessionOptions(), new IPEndPoint(IPAddress.Loopback, 9), sink);
        using var a = RtpSession.Open(ports, new RtpSessionOptions(), b.LocalRtpEndPoint, new RecordingRtpHandler());
        var sender = new TelephoneEventSender(a, new TelephoneEventOptions());
        foreach (TelephoneEventCode digit in new[] { TelephoneEventCode.Digit1, TelephoneEventCode.Star, TelephoneEventCode.Cng })
        {
            sender.Start(digit, TimeSpan.FromMilliseconds(60));
            while (sender.Busy)
            {
                sender.OnTick();
            }
        }

        Loopback.Until(b.Poll, () => handler.Log.Count == 6, "three events");
        Assert.Equal(["start Digit1", "end Digit1 60 False", "start Star", "end Star 60 False", "start Cng", "end Cng 60 False"], handler.Log);
    }

    private sealed class EventSink(TelephoneEventReceiver receiver) : IRtpPacketHandler
    {
        public void OnRtpPacket(in RtpHeader header, ReadOnlySpan<byte> payload) => receiver.OnRtpPacket(header, payload);
    }

    private sealed class RecordingEventHandler : ITelephoneEventHandler
    {
        public List<string> Log { get; } = [];

        public void OnEventStart(TelephoneEventCode code) => Log.Add($"start {code}");

        public void OnEventEnd(TelephoneEventCode code, TimeSpan duration, bool timedOut) => Log.Add($"end {code} {duration.TotalMilliseconds} {timedOut}");
    }

    private sealed class FakeRtpSender : IRtpSender
    {
        public List<(byte PayloadType, byte[] Payload, uint Timestamp, bool Marker)> Sent { get; } = [];

        public uint NextTimestamp { get; private set; } = 0xFFFF_FF00;

        public void AdvanceTimestamp(int samples) => NextTimestamp += (uint)samples;

        public void Send(byte payloadType, ReadOnlySpan<byte> payload, uint timestamp, bool marker) => Sent.Add((payloadType, payload.ToArray(), timestamp, marker));
    }
}
