using System.Text;
using FaxBox.Fax.Managed.Hdlc;
using FaxBox.Fax.Managed.Modems;
using FaxBox.Fax.Managed.Tests.Native;
using FaxBox.Fax.Modems;
using FaxBox.Fax.SpanDsp.Modems;
using FaxBox.Host.Diagnostics;

namespace FaxBox.Fax.Managed.Tests.Hdlc;

public sealed class HdlcTests
{
    /// <summary>T.30-like frames: DIS-ish, CSI with digits, and octets that need transparency (0x7E, 0xFF, 0x1F, 0xF8).</summary>
    private static readonly byte[][] Frames =
    [
        [0xFF, 0x13, 0x80, 0x00, 0xCE, 0xF4, 0x80, 0x80, 0x81, 0x80, 0x80, 0x80, 0x18],
        [0xFF, 0x03, 0x40, .. Encoding.ASCII.GetBytes("   4321 555 1 94+")],
        [0xFF, 0x13, 0x7E, 0x7E, 0xFF, 0xFF, 0xFF, 0x1F, 0xF8, 0x3F, 0xFC, 0x00],
        [0xFF, 0x13, 0xFB],
        [.. Enumerable.Range(0, 260).Select(i => (byte)(i * 37))],
    ];

    [Fact]
    public void FcsMatchesTheCrc16X25CheckValue()
    {
        // CRC-16/X-25 (the HDLC FCS) of "123456789" is 0x906E.
        Assert.Equal(0x906E, (ushort)~HdlcFcs.Compute("123456789"u8));
        var (first, second) = HdlcFcs.Fcs("123456789"u8);
        Assert.Equal(HdlcFcs.GoodResidue, HdlcFcs.Compute([.. "123456789"u8, first, second]));
    }

    [Fact]
    public void EncodedFramesDecodeIdenticallyWithPreambleAndCarrierEvents()
    {
        var encoder = new HdlcEncoder(preambleFlags: 38);
        foreach (var frame in Frames)
        {
            encoder.Enqueue(frame);
        }

        encoder.Finish();
        var sink = new FrameRecorder();
        var decoder = new HdlcDecoder(sink);
        decoder.OnStatus(ModemStatus.CarrierUp);
        var maxRun = 0;
        var run = 0;
        for (var i = 0; i < 100_000; i++)
        {
            var bit = encoder.GetBit();
            if (bit < 0)
            {
                break;
            }

            run = bit == 1 ? run + 1 : 0;
            maxRun = Math.Max(maxRun, run);
            decoder.PutBit(bit);
        }

        decoder.OnStatus(ModemStatus.CarrierDown);
        Assert.True(encoder.Ended);
        Assert.Equal(6, maxRun);
        Assert.Equal(Frames.Length, sink.Frames.Count);
        for (var i = 0; i < Frames.Length; i++)
        {
            Assert.Equal(Frames[i], sink.Frames[i].Frame);
            Assert.True(sink.Frames[i].Ok);
        }

        Assert.Equal([HdlcEvent.CarrierUp, HdlcEvent.FramingOk, HdlcEvent.CarrierDown], sink.Events);
    }

    [Fact]
    public void ACorruptedFrameIsDeliveredWithABadFcs()
    {
        var bits = EncodeBits(Frames[0]);
        // Flip a bit in the middle of the frame (after 38 preamble flags = 304 bits).
        bits[304 + 40] ^= 1;
        var sink = new FrameRecorder();
        var decoder = new HdlcDecoder(sink);
        bits.ForEach(decoder.PutBit);
        var (frame, ok) = Assert.Single(sink.Frames);
        Assert.False(ok);
        Assert.Equal(Frames[0].Length, frame.Length);
        Assert.Equal(1, decoder.BadFrames);
    }

    [Fact]
    public void AnAbortedFrameIsReportedAndNotDelivered()
    {
        var encoder = new HdlcEncoder(preambleFlags: 4);
        encoder.Enqueue(Frames[4]);
        encoder.Enqueue(Frames[3]);
        var sink = new FrameRecorder();
        var decoder = new HdlcDecoder(sink);
        for (var i = 0; i < 32 + 400; i++)
        {
            decoder.PutBit(encoder.GetBit());
        }

        encoder.Abort();
        encoder.Finish();
        for (var i = 0; i < 10_000 && !encoder.Ended; i++)
        {
            var bit = encoder.GetBit();
            if (bit >= 0)
            {
                decoder.PutBit(bit);
            }
        }

        Assert.Contains(HdlcEvent.Abort, sink.Events);
        var (frame, ok) = Assert.Single(sink.Frames);
        Assert.Equal(Frames[3], frame);
        Assert.True(ok);
    }

    [Fact]
    public void SpandspHdlcDecodesManagedFramesAndManagedDecodesSpandspFrames()
    {
        // Managed encoder -> spandsp hdlc_rx.
        using var reference = new SpanDspHdlc(bitsToSend: 8000);
        var encoder = new HdlcEncoder();
        foreach (var frame in Frames)
        {
            encoder.Enqueue(frame);
        }

        encoder.Finish();
        for (var bit = encoder.GetBit(); bit >= 0; bit = encoder.GetBit())
        {
            reference.PutBit(bit);
        }

        Assert.Equal(Frames, reference.Frames.Select(f => f.Frame));
        Assert.All(reference.Frames, f => Assert.True(f.Ok));

        // spandsp hdlc_tx -> managed decoder.
        foreach (var frame in Frames)
        {
            reference.Send(frame);
        }

        var sink = new FrameRecorder();
        var decoder = new HdlcDecoder(sink);
        for (var bit = reference.GetBit(); bit >= 0; bit = reference.GetBit())
        {
            decoder.PutBit(bit);
        }

        Assert.Equal(Frames, sink.Frames.Select(f => f.Frame));
        Assert.All(sink.Frames, f => Assert.True(f.Ok));
    }

    [Theory]
    [InlineData(LoopbackCodec.ALaw, 10, 100)]
    [InlineData(LoopbackCodec.MuLaw, -10, -100)]
    public void HdlcOverV21CrossesBetweenTheEnginesBothWays(LoopbackCodec codec, double hz, double ppm)
    {
        var channel = new ModemChannelOptions { Codec = codec, FrequencyOffsetHz = hz, ClockPpm = ppm, SnrDb = 25 };
        var options = new ModemOptions(ModemType.V21, 300);

        // spandsp hdlc_tx + spandsp fsk_tx -> channel -> managed V.21 receiver + managed HDLC decoder.
        using var reference = new SpanDspHdlc(bitsToSend: 5000);
        foreach (var frame in Frames)
        {
            reference.Send(frame);
        }

        var sink = new FrameRecorder();
        HdlcModemLink.Run(new SpanDspModemFactory(), new ManagedModemFactory(), options, reference, new HdlcDecoder(sink), channel, maxFrames: 1000);
        Assert.Equal(Frames, sink.Frames.Select(f => f.Frame));
        Assert.All(sink.Frames, f => Assert.True(f.Ok));
        Assert.Equal(HdlcEvent.CarrierUp, sink.Events[0]);
        Assert.Contains(HdlcEvent.FramingOk, sink.Events);
        Assert.Equal(HdlcEvent.CarrierDown, sink.Events[^1]);

        // managed HDLC encoder + managed V.21 transmitter -> channel -> spandsp fsk_rx + spandsp hdlc_rx.
        using var receiver = new SpanDspHdlc(bitsToSend: 0);
        var encoder = new HdlcEncoder();
        foreach (var frame in Frames)
        {
            encoder.Enqueue(frame);
        }

        encoder.Finish();
        HdlcModemLink.Run(new ManagedModemFactory(), new SpanDspModemFactory(), options, encoder, receiver, channel, maxFrames: 1000);
        Assert.Equal(Frames, receiver.Frames.Select(f => f.Frame));
        Assert.All(receiver.Frames, f => Assert.True(f.Ok));
    }

    private static List<int> EncodeBits(byte[] frame)
    {
        var encoder = new HdlcEncoder();
        encoder.Enqueue(frame);
        encoder.Finish();
        var bits = new List<int>();
        for (var bit = encoder.GetBit(); bit >= 0; bit = encoder.GetBit())
        {
            bits.Add(bit);
        }

        return bits;
    }

    private sealed class FrameRecorder : IHdlcFrameSink
    {
        public List<(byte[] Frame, bool Ok)> Frames { get; } = [];

        public List<HdlcEvent> Events { get; } = [];

        public void OnFrame(ReadOnlySpan<byte> frame, bool fcsOk) => Frames.Add((frame.ToArray(), fcsOk));

        public void OnEvent(HdlcEvent hdlcEvent) => Events.Add(hdlcEvent);
    }
}
