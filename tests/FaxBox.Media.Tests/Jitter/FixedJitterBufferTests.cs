using FaxBox.Media.Jitter;

namespace FaxBox.Media.Tests.Jitter;

public sealed class FixedJitterBufferTests
{
    [Fact]
    public void Plays_out_exactly_the_fixed_delay_behind_the_first_packet_under_jitter()
    {
        var buffer = new FixedJitterBuffer(new FixedJitterBufferOptions { Delay = TimeSpan.FromMilliseconds(100) });
        var sim = new JitterSimulation { Signal = n => (short)(n % 30000 + 1), MaxJitterMs = 75, Seed = 3 };
        // The first packet may itself arrive late by up to 75 ms, and play-out is fixed from it: total 100 ms after it.
        List<short> output = sim.Run(1500, (ts, s, _) => buffer.Put(ts, s), f => buffer.Get(f));
        int first = output.FindIndex(x => x != 0);
        Assert.True(first > 0);
        for (int i = first; i < output.Count; i++)
        {
            Assert.Equal((short)((i - first) % 30000 + 1), output[i]);
        }

        Assert.Equal(0, buffer.Statistics.LatePackets);
        Assert.Equal(0, buffer.Statistics.SamplesDropped + buffer.Statistics.SamplesInserted);
    }

    [Fact]
    public void A_lost_packet_plays_as_silence_in_its_own_slot_without_shifting_anything()
    {
        var buffer = new FixedJitterBuffer(new FixedJitterBufferOptions());
        var sim = new JitterSimulation { Signal = n => (short)(n % 30000 + 1), IsLost = k => k == 50 };
        List<short> output = sim.Run(200, (ts, s, _) => buffer.Put(ts, s), f => buffer.Get(f));
        int first = output.FindIndex(x => x != 0);
        for (int i = first; i < output.Count; i++)
        {
            int n = i - first;
            short expected = n / 160 == 50 ? (short)0 : (short)(n % 30000 + 1);
            Assert.Equal(expected, output[i]);
        }

        Assert.Equal(160, buffer.Statistics.MissingSamples - first);
    }

    [Theory]
    [InlineData(2000.0)]
    [InlineData(-2000.0)]
    public void Clock_drift_is_absorbed_in_silence_and_never_slips_a_sample_inside_a_modem_burst(double ppm)
    {
        // 2000 ppm over 2 minutes is 1920 samples (240 ms): more than the 100 ms delay, so without compensation the
        // buffer would run dry (slow sender) or grow by 240 ms (fast sender).
        var buffer = new FixedJitterBuffer(new FixedJitterBufferOptions { Delay = TimeSpan.FromMilliseconds(100) });
        var sim = new JitterSimulation { Signal = JitterSimulation.Bursts, SenderPpm = ppm, MaxJitterMs = 30, Seed = 5 };
        List<short> output = sim.Run(6000, (ts, s, _) => buffer.Put(ts, s), f => buffer.Get(f));

        int bursts = 0;
        for (int i = 1; i < output.Count; i++)
        {
            if (output[i - 1] != 0 && output[i] != 0)
            {
                Assert.True(JitterSimulation.IsSuccessor(output[i - 1], output[i]), $"slip inside a burst at output sample {i}");
            }
            else if (output[i - 1] == 0 && output[i] != 0)
            {
                bursts++;
            }
        }

        Assert.True(bursts >= 29, $"{bursts} bursts");
        JitterBufferStatistics stats = buffer.Statistics;
        Assert.Equal(800, stats.MissingSamples); // only the 100 ms lead-in: nothing missing once play-out started
        long corrected = ppm > 0 ? stats.SamplesDropped : stats.SamplesInserted;
        Assert.InRange(corrected, 1920 - 400, 1920 + 200);
        Assert.InRange(stats.BufferedSamples, 800 - 400, 800 + 400);
    }

    [Theory]
    [InlineData(10)]
    [InlineData(20)]
    [InlineData(30)]
    public void G711_packets_of_10_20_and_30_ms_play_out_as_the_same_20_ms_frames(int ptime)
    {
        // ptime 10/20/30 ms = 80/160/240 octets per packet (G711Framing); the buffer re-frames them to the 20 ms tick.
        var buffer = new FixedJitterBuffer(new FixedJitterBufferOptions { Delay = TimeSpan.FromMilliseconds(60) });
        int octets = FaxBox.Media.G711.G711Framing.OctetsPerPacket(ptime);
        var signal = Enumerable.Range(0, 8000).Select(n => (short)((n % 4000) + 1000)).ToArray();
        var ulaw = new byte[signal.Length];
        FaxBox.Media.G711.G711MuLaw.Encode(signal, ulaw);
        var expected = new short[signal.Length];
        FaxBox.Media.G711.G711MuLaw.Decode(ulaw, expected);
        var output = new List<short>();
        var frame = new short[160];
        var pcm = new short[octets];
        int sent = 0;
        for (int tick = 0; tick < 50; tick++)
        {
            // Everything sampled by the end of this tick has been sent, in packets of ptime.
            while (sent + octets <= (tick + 1) * 160)
            {
                FaxBox.Media.G711.G711MuLaw.Decode(ulaw.AsSpan(sent, octets), pcm);
                buffer.Put((uint)sent, pcm);
                sent += octets;
            }

            buffer.Get(frame);
            output.AddRange(frame);
        }

        int first = output.FindIndex(x => x != 0);
        Assert.Equal(expected.Take(output.Count - first), output.Skip(first));
        Assert.Equal(480, buffer.Statistics.MissingSamples); // the 60 ms delay only: no hole, whatever the packet size
    }

    [Fact]
    public void Late_packets_are_dropped_and_counted()
    {
        var buffer = new FixedJitterBuffer(new FixedJitterBufferOptions { Delay = TimeSpan.FromMilliseconds(40) });
        var frame = new short[160];
        buffer.Put(0, new short[160]);
        for (int i = 0; i < 5; i++)
        {
            buffer.Get(frame);
        }

        Assert.False(buffer.Put(160, new short[160]));
        Assert.Equal(1, buffer.Statistics.LatePackets);
        Assert.True(buffer.Put(160 * 10, new short[160]));
    }

    [Fact]
    public void A_timestamp_jump_is_followed_after_three_bad_packets()
    {
        var buffer = new FixedJitterBuffer(new FixedJitterBufferOptions { Delay = TimeSpan.FromMilliseconds(40) });
        var frame = new short[160];
        buffer.Put(1000, Enumerable.Repeat((short)5, 160).ToArray());
        buffer.Put(3_000_000, Enumerable.Repeat((short)7, 160).ToArray());
        buffer.Put(3_000_160, Enumerable.Repeat((short)7, 160).ToArray());
        buffer.Put(3_000_320, Enumerable.Repeat((short)7, 160).ToArray());
        Assert.Equal(3, buffer.Statistics.OverflowPackets);
        buffer.Put(3_000_480, Enumerable.Repeat((short)7, 160).ToArray());
        buffer.Get(frame);
        buffer.Get(frame);
        buffer.Get(frame);
        Assert.Equal(7, frame[0]);
    }

    [Fact]
    public void Options_are_validated_with_a_clear_message()
    {
        var ex = Assert.Throws<ArgumentException>(() => new FixedJitterBuffer(new FixedJitterBufferOptions { Delay = TimeSpan.FromMilliseconds(5) }));
        Assert.Contains("Delay", ex.Message, StringComparison.Ordinal);
    }
}
