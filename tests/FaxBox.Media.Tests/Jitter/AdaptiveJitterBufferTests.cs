using FaxBox.Media.Jitter;

namespace FaxBox.Media.Tests.Jitter;

public sealed class AdaptiveJitterBufferTests
{
    [Fact]
    public void Target_delay_follows_the_jitter_and_few_packets_arrive_too_late()
    {
        var calm = new AdaptiveJitterBuffer(new AdaptiveJitterBufferOptions());
        var rough = new AdaptiveJitterBuffer(new AdaptiveJitterBufferOptions());
        var talk = new JitterSimulation { Signal = JitterSimulation.Bursts, MaxJitterMs = 2, Seed = 1 };
        var jittery = new JitterSimulation { Signal = JitterSimulation.Bursts, MaxJitterMs = 60, Seed = 2 };
        talk.Run(3000, (t, s, a) => calm.Put(t, s, a), f => calm.Get(f));
        jittery.Run(3000, (t, s, a) => rough.Put(t, s, a), f => rough.Get(f));
        Assert.True(calm.TargetDelaySamples <= 200, $"calm target {calm.TargetDelaySamples}");
        Assert.True(rough.TargetDelaySamples >= 400, $"rough target {rough.TargetDelaySamples}");
        Assert.True(rough.Statistics.LatePackets < 3000 * 0.02, $"late {rough.Statistics.LatePackets}");
        Assert.True(rough.Statistics.SamplesInserted > 0);
    }

    [Fact]
    public void A_lost_frame_is_concealed_with_the_last_frame_fading()
    {
        var buffer = new AdaptiveJitterBuffer(new AdaptiveJitterBufferOptions { MinDelay = TimeSpan.FromMilliseconds(40), InitialDelay = TimeSpan.FromMilliseconds(40) });
        var sim = new JitterSimulation { Signal = _ => 4000, IsLost = k => k is 30 or 31 };
        List<short> output = sim.Run(60, (t, s, a) => buffer.Put(t, s, a), f => buffer.Get(f));
        int start = output.FindIndex(x => x != 0);
        // Frames 30 and 31 are lost: the last good frame comes back at half, then a quarter, then the stream resumes.
        Assert.All(output.Skip(start + (30 * 160)).Take(160), x => Assert.Equal(2000, x));
        Assert.All(output.Skip(start + (31 * 160)).Take(160), x => Assert.Equal(1000, x));
        Assert.All(output.Skip(start + (32 * 160)), x => Assert.Equal(4000, x));
        Assert.Equal(320, buffer.Statistics.MissingSamples - start);
    }
}
