using FaxBox.Fax.SpanDsp.Tests.Audio;

namespace FaxBox.Fax.SpanDsp.Tests.T30Monitor;

/// <summary>The monitor runs on the media path: nothing on the managed heap per audio frame, only per decoded T.30 frame.</summary>
public sealed class T30MonitorAllocationTests
{
    private static readonly byte[] Mcf = [0xFF, 0x13, 0x8C];

    [Fact]
    public void Thousands_of_frames_of_silence_noise_and_V21_without_a_good_frame_allocate_nothing()
    {
        using var monitor = T30MonitorRobustnessTests.Create();
        var seen = 0;
        monitor.Frame += (_, _) => seen++;

        // 8,000 frames (160 s): silence, noise, a V.21 carrier of flags, and a V.21 carrier of random bits that opens
        // and aborts frames and fails FCS checks. All prepared before measuring.
        var frames = Signals.Silence(2_000)
            .Concat(Signals.WhiteNoise(-30, 2_000, seed: 3))
            .Concat(Signals.V21Flags(40, -13))
            .Concat(new V21Line().Flags(38).RandomBits(600, seed: 11).Flags(38).RandomBits(600, seed: 12).ToFrames(0))
            .ToArray();
        Array.Resize(ref frames, 8_000);
        for (var i = 0; i < frames.Length; i++)
        {
            frames[i] ??= new short[Core.AudioFrame.Samples];
        }

        foreach (var frame in frames.AsSpan(0, 200))
        {
            monitor.ReceiveAudio(frame); // warm-up: JIT, the library's lazy exports
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        foreach (var frame in frames)
        {
            monitor.ReceiveAudio(frame);
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(0, seen);
        Assert.Equal(0, allocated);
    }

    [Fact]
    public void Decoded_frames_are_the_only_allocations()
    {
        using var monitor = T30MonitorRobustnessTests.Create();
        var seen = 0;
        monitor.Frame += (_, _) => seen++;
        var line = new V21Line().Flags(38);
        for (var i = 0; i < 100; i++)
        {
            line.Frame(Mcf).Flags(3);
        }

        var frames = line.ToFrames();
        var warmUp = new V21Line().Flags(38).Frame(Mcf).Flags(2).ToFrames();
        T30MonitorRobustnessTests.Feed(monitor, warmUp);
        seen = 0;

        var before = GC.GetAllocatedBytesForCurrentThread();
        foreach (var frame in frames)
        {
            monitor.ReceiveAudio(frame);
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(100, seen);
        Assert.InRange(frames.Count, 1_200, 1_400); // 100 × (3 + 2 FCS + 4 flag) octets + the preamble at 300 bit/s: ~26 s
        Assert.InRange(allocated, 1, seen * 128); // a 3-byte array and one event-args object per frame
    }
}
