using FaxBox.Core;
using FaxBox.Fax.Modems;
using FaxBox.Fax.SpanDsp.Modems;
using FaxBox.Fax.SpanDsp.T30;
using FaxBox.Fax.SpanDsp.Tests.Audio;

namespace FaxBox.Fax.SpanDsp.Tests.T30Monitor;

/// <summary>The monitor on hand-built V.21 signals, on everything that is not V.21 HDLC, and on garbage.</summary>
public sealed class T30MonitorRobustnessTests
{
    /// <summary>CSI "5551234" (T.30 §5.3.6.2.4: 20 characters, last digit first) as a non-final frame.</summary>
    private static readonly byte[] Csi = [0xFF, 0x03, 0x40, .. "                5551234"u8.ToArray().Reverse().Take(20)];

    /// <summary>A DIS (T.30 §5.3.6.2.1) as a final frame: V.17/V.29/V.27ter, fine, 2-D, ECM, T.6.</summary>
    private static readonly byte[] Dis = [0xFF, 0x13, 0x80, 0x00, 0xEE, 0xF8, 0x80, 0x80, 0x91, 0x80, 0x80, 0x80, 0x18];

    [Fact]
    public void Hand_built_frames_are_decoded_byte_exact_in_order_at_the_tick_their_closing_flag_arrived()
    {
        using var monitor = Create();
        var seen = Collect(monitor);
        var line = new V21Line().Flags(38).Frame(Csi).Frame(Dis).Flags(2);

        var frames = line.ToFrames();
        Feed(monitor, frames);

        Assert.Equal([Convert.ToHexString(Csi), Convert.ToHexString(Dis)], seen.Select(f => Convert.ToHexString(f.Frame)));
        Assert.Equal([T30FrameType.Csi, T30FrameType.Dis], seen.Select(f => f.Type));
        Assert.All(seen, f => Assert.True(f.Incoming));

        // The DIS closing flag ends (38 + 1 + 13 + 2) octets plus stuffing into the signal: 1.44 s at 300 bit/s. The
        // demodulator's filters and the flag check add a few ms; the event carries the end of the 20 ms tick.
        var closing = TimeSpan.FromSeconds((38 + Csi.Length + 3 + Dis.Length + 3) * 8 / 300.0);
        Assert.InRange(seen[1].At, closing, closing + TimeSpan.FromMilliseconds(100));
        Assert.Equal(0, seen[1].At.Ticks % TimeSpan.FromMilliseconds(20).Ticks);
        Assert.True(seen[0].At < seen[1].At);
        Assert.Equal(frames.Count, ((SpanDspT30Monitor)monitor).FramesFed);
    }

    [Theory]
    [InlineData(-6.0)]
    [InlineData(-13.0)]
    [InlineData(-28.0)]
    public void A_frame_is_decoded_across_the_line_levels_a_fax_call_meets(double dbm0)
    {
        using var monitor = Create();
        var seen = Collect(monitor);

        Feed(monitor, new V21Line().Flags(38).Frame(Dis).Flags(2).ToFrames(dbm0: dbm0));

        Assert.Equal([Convert.ToHexString(Dis)], seen.Select(f => Convert.ToHexString(f.Frame)));
    }

    /// <summary>
    /// Known limitation: spandsp 0.0.6's V.21 channel 2 spec (<c>preset_fsk_specs[FSK_V21CH2].min_level</c>) has a carrier
    /// threshold of -30 dBm0, so a weaker signal (long analog loops can deliver less) is not heard at all. spandsp's own fax
    /// terminals use the same spec, so the monitor hears no less than the terminal it watches.
    /// </summary>
    [Theory]
    [InlineData(-36.0)]
    [InlineData(-43.0)]
    public void Limitation_V21_below_minus_30_dBm0_is_not_heard(double dbm0)
    {
        using var monitor = Create();
        var seen = Collect(monitor);

        Feed(monitor, new V21Line().Flags(38).Frame(Dis).Flags(2).ToFrames(dbm0: dbm0));

        Assert.Empty(seen);
    }

    [Fact]
    public void A_monitor_started_in_the_middle_of_a_preamble_still_decodes_the_frame()
    {
        using var monitor = Create();
        var seen = Collect(monitor);
        var frames = new V21Line().Flags(38).Frame(Csi).Frame(Dis).Flags(2).ToFrames();

        Feed(monitor, frames.Skip(40)); // the first 0.8 s of the 1 s preamble were before the monitor existed

        Assert.Equal([Convert.ToHexString(Csi), Convert.ToHexString(Dis)], seen.Select(f => Convert.ToHexString(f.Frame)));
    }

    [Fact]
    public void Frames_with_a_bad_FCS_a_foreign_header_or_under_3_octets_are_not_reported()
    {
        using var monitor = Create();
        var seen = Collect(monitor);
        var line = new V21Line().Flags(38)
            .Frame(Dis, corruptFcs: true)
            .Frame([0x0F, 0x13, 0x80, 0x00]) // address other than 0xFF (T.30 §5.3.4)
            .Frame([0xFF, 0x07, 0x80, 0x00]) // control neither 0x03 nor 0x13 (§5.3.5)
            .Frame([0xFF, 0x13]) // no facsimile control field
            .Frame(Dis)
            .Flags(2);

        Feed(monitor, line.ToFrames());

        Assert.Equal([Convert.ToHexString(Dis)], seen.Select(f => Convert.ToHexString(f.Frame)));
        var stats = ((SpanDspT30Monitor)monitor).Statistics;
        Assert.Equal(1u, (uint)stats.CrcErrors);
        Assert.Equal(4u, (uint)stats.GoodFrames); // spandsp's FCS passed the foreign and short frames too; the monitor dropped them
    }

    [Theory]
    [InlineData(-200.0)] // digital silence
    [InlineData(-10.0)]
    [InlineData(-30.0)]
    [InlineData(-40.0)] // the level at which spandsp's V.21 receiver takes noise for a carrier (notes §4.4)
    public void Silence_and_white_noise_give_no_frames(double dbm0)
    {
        using var monitor = Create();
        var seen = Collect(monitor);

        Feed(monitor, dbm0 < -100 ? Signals.Silence(3_000) : Signals.WhiteNoise(dbm0, 3_000, seed: (int)-dbm0));

        Assert.Empty(seen);
        Assert.Equal(0u, (uint)((SpanDspT30Monitor)monitor).Statistics.GoodFrames);
    }

    [Theory]
    [InlineData(ModemType.V17, 14400, false)]
    [InlineData(ModemType.V17, 14400, true)] // HDLC flags inside the image burst, as ECM sends between frames
    [InlineData(ModemType.V17, 7200, false)]
    [InlineData(ModemType.V29, 9600, false)]
    [InlineData(ModemType.V27ter, 4800, false)]
    public void A_fast_modem_image_burst_gives_no_false_frames(ModemType type, int rate, bool flags)
    {
        using var monitor = Create();
        var seen = Collect(monitor);
        var bits = rate * 15; // 15 s of image data
        IModemBitSource source = flags ? new FlagSource(bits) : new PrbsBitSource(bits, seed: rate);
        using var tx = new SpanDspModemFactory().CreateTransmitter(new ModemOptions(type, rate), source);
        var frame = new short[AudioFrame.Samples];
        var fed = 0;
        for (; !tx.Finished && fed < 2_000; fed++)
        {
            tx.Transmit(frame);
            monitor.ReceiveAudio(frame);
        }

        Assert.True(tx.Finished);
        Assert.InRange(fed, 700, 2_000);
        Assert.Empty(seen);
    }

    [Fact]
    public void The_monitor_survives_garbage_and_still_decodes_the_next_real_frame()
    {
        using var monitor = Create();
        var seen = Collect(monitor);
        var random = new Random(1234);
        var frame = new short[AudioFrame.Samples];
        for (var i = 0; i < 3_000; i++)
        {
            switch (i / 500)
            {
                case 0: // full-scale uniform noise
                    for (var n = 0; n < frame.Length; n++)
                    {
                        frame[n] = (short)random.Next(short.MinValue, short.MaxValue + 1);
                    }

                    break;
                case 1: // hard clipping, alternating extremes at the Nyquist frequency
                    for (var n = 0; n < frame.Length; n++)
                    {
                        frame[n] = (n & 1) == 0 ? short.MaxValue : short.MinValue;
                    }

                    break;
                case 2: // DC at both rails
                    Array.Fill(frame, i % 2 == 0 ? short.MaxValue : short.MinValue);
                    break;
                case 3: // a clipped square wave hopping between the V.21 tones
                    for (var n = 0; n < frame.Length; n++)
                    {
                        var hz = random.Next(2) == 0 ? 1650 : 1850;
                        frame[n] = Math.Sin(2 * Math.PI * hz * ((i * 160) + n) / 8000.0) >= 0 ? short.MaxValue : short.MinValue;
                    }

                    break;
                default:
                    random.NextBytes(System.Runtime.InteropServices.MemoryMarshal.AsBytes(frame.AsSpan()));
                    break;
            }

            monitor.ReceiveAudio(frame);
        }

        // Flags, then a carrier of random bits (frames that fail their FCS or abort), then a real frame.
        Feed(monitor, new V21Line().Flags(38).RandomBits(3_000, seed: 7).Flags(38).Frame(Dis).Flags(2).ToFrames());

        Assert.Equal([Convert.ToHexString(Dis)], seen.Select(f => Convert.ToHexString(f.Frame)));
    }

    [Fact]
    public void The_audio_frame_is_not_modified()
    {
        using var monitor = Create();
        var frames = new V21Line().Flags(38).Frame(Dis).ToFrames();
        foreach (var frame in frames)
        {
            var copy = (short[])frame.Clone();
            monitor.ReceiveAudio(frame);
            Assert.Equal(copy, frame);
        }
    }

    [Fact]
    public void Frames_that_are_not_160_samples_and_use_after_dispose_are_refused()
    {
        var monitor = Create();
        Assert.Contains("160", Assert.Throws<ArgumentException>(() => monitor.ReceiveAudio(new short[80])).Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => monitor.ReceiveAudio(new short[320]));
        monitor.Dispose();
        monitor.Dispose();
        Assert.Throws<ObjectDisposedException>(() => monitor.ReceiveAudio(new short[AudioFrame.Samples]));
    }

    [Fact]
    public void An_exception_in_a_handler_surfaces_from_ReceiveAudio_and_the_monitor_keeps_decoding()
    {
        using var monitor = Create();
        var calls = 0;
        monitor.Frame += (_, _) =>
        {
            if (++calls == 1)
            {
                throw new InvalidOperationException("handler failed");
            }
        };
        var frames = new V21Line().Flags(38).Frame(Dis).Flags(38).Frame(Csi).Flags(2).ToFrames();

        var thrown = 0;
        foreach (var frame in frames)
        {
            try
            {
                monitor.ReceiveAudio(frame);
            }
            catch (InvalidOperationException e) when (e.Message == "handler failed")
            {
                thrown++;
            }
        }

        Assert.Equal(1, thrown);
        Assert.Equal(2, calls);
    }

    [Fact]
    public void The_engine_creates_independent_monitors()
    {
        var engine = new SpanDspFaxEngine(Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance);
        using var first = engine.CreateT30Monitor();
        using var second = engine.CreateT30Monitor();
        var firstSeen = Collect(first);
        var secondSeen = Collect(second);

        Feed(first, new V21Line().Flags(38).Frame(Dis).Flags(2).ToFrames());
        Feed(second, Signals.Silence(200));

        Assert.Single(firstSeen);
        Assert.Empty(secondSeen);
    }

    internal static IT30Monitor Create() => new SpanDspFaxEngine(Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance).CreateT30Monitor();

    internal static List<T30FrameEventArgs> Collect(IT30Monitor monitor)
    {
        var seen = new List<T30FrameEventArgs>();
        monitor.Frame += (_, e) => seen.Add(e);
        return seen;
    }

    internal static void Feed(IT30Monitor monitor, IEnumerable<short[]> frames)
    {
        foreach (var frame in frames)
        {
            monitor.ReceiveAudio(frame);
        }
    }

    /// <summary>HDLC flags (0x7E, least significant bit first) as image data.</summary>
    private sealed class FlagSource(int bits) : IModemBitSource
    {
        private int _sent;

        public int GetBit() => _sent < bits ? (0x7E >> (_sent++ % 8)) & 1 : IModemBitSource.EndOfData;
    }
}
