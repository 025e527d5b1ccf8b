using FaxBox.Core;
using FaxBox.Fax.SpanDsp.Tests.Audio;
using FaxBox.Fax.SpanDsp.Tones;
using FaxBox.Fax.Tones;

namespace FaxBox.Fax.SpanDsp.Tests.Tones;

public sealed class ConnectToneTests
{
    public static TheoryData<FaxTone, Companding> EveryToneBothWays()
    {
        var data = new TheoryData<FaxTone, Companding>();
        foreach (var tone in Enum.GetValues<FaxTone>())
        {
            data.Add(tone, Companding.Linear);
            data.Add(tone, Companding.ALaw);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(EveryToneBothWays))]
    public void EachGeneratedToneIsDetectedAsItselfWithOneStartAndOneEnd(FaxTone tone, Companding law)
    {
        using var generator = new SpanDspToneGenerator(tone);
        Assert.Equal(tone, generator.Tone);

        // CNG repeats forever: take one 0.5 s on / 3 s off cadence. The others end by themselves (at most 5.2 s).
        var frames = tone == FaxTone.Cng ? 175 : 300;
        var events = Detect(GeneratorFrames(generator, frames), law);

        Assert.Collection(
            events,
            start =>
            {
                Assert.Equal(tone, start.Tone);
                Assert.True(start.Present);
                Assert.NotNull(start.LevelDbm0);
                Assert.InRange(start.LevelDbm0!.Value, -20, -6);
            },
            end =>
            {
                Assert.Equal(tone, end.Tone);
                Assert.False(end.Present);
                Assert.Null(end.LevelDbm0);
            });
        var (minStart, maxStart) = ExpectedStart(tone);
        Assert.InRange(events[0].At.TotalMilliseconds, minStart, maxStart);
        Assert.True(events[0].At < events[1].At);
        var (minOn, maxOn) = ExpectedOnTime(tone);
        Assert.InRange((events[1].At - events[0].At).TotalMilliseconds, minOn, maxOn);
    }

    [Theory]
    [InlineData(Companding.Linear)]
    [InlineData(Companding.ALaw)]
    [InlineData(Companding.MuLaw)]
    public void V21FlagsAtMinus13Dbm0AreDetectedAsPreamble(Companding law)
    {
        var frames = Signals.Silence(10).Concat(Signals.V21Flags(seconds: 1.0, dbm0: -13)).Concat(Signals.Silence(25));

        var events = Detect(frames, law);

        Assert.Equal(2, events.Count);
        Assert.Equal(new[] { FaxTone.V21Preamble, FaxTone.V21Preamble }, events.Select(e => e.Tone));
        Assert.True(events[0].Present);
        Assert.False(events[1].Present);

        // Starts after a few flags (200 ms of silence first); ends when the carrier drops, 1.2 s in.
        Assert.InRange(events[0].At.TotalMilliseconds, 220, 600);
        Assert.InRange(events[1].At.TotalMilliseconds, 1200, 1400);
        Assert.InRange(events[0].LevelDbm0!.Value, -16, -10);
    }

    [Fact]
    public void CngCadenceReportsEachBurstOnce()
    {
        using var generator = new SpanDspToneGenerator(FaxTone.Cng);

        // Three cadences of 3.5 s.
        var events = Detect(GeneratorFrames(generator, 3 * 175), Companding.ALaw);

        Assert.Equal(6, events.Count);
        Assert.All(events, e => Assert.Equal(FaxTone.Cng, e.Tone));
        Assert.Equal(new[] { true, false, true, false, true, false }, events.Select(e => e.Present));
        Assert.InRange(events[2].At.TotalMilliseconds - events[0].At.TotalMilliseconds, 3400, 3600);
    }

    public static TheoryData<string> Quiet => new() { "silence", "noise" };

    [Theory]
    [MemberData(nameof(Quiet))]
    public void SilenceAndNoiseAreNotTones(string kind)
    {
        var frames = kind == "silence" ? Signals.Silence(500) : Signals.WhiteNoise(-30, 500, seed: 11);

        Assert.Empty(Detect(frames, Companding.ALaw));
    }

    [Fact]
    public void DetectorListensOnlyForRequestedFamilies()
    {
        using var detector = new SpanDspToneDetector(new ToneDetectorOptions { Cng = true, Answer = false, V21Preamble = false });
        var events = new List<ToneEvent>();
        detector.ToneChanged += (_, e) => events.Add(e);

        using (var ans = new SpanDspToneGenerator(FaxTone.AnsAm))
        {
            foreach (var frame in GeneratorFrames(ans, 300))
            {
                detector.Process(frame);
            }
        }

        foreach (var frame in Signals.V21Flags(1, -13))
        {
            detector.Process(frame);
        }

        Assert.Empty(events);

        using var cng = new SpanDspToneGenerator(FaxTone.Cng);
        foreach (var frame in GeneratorFrames(cng, 50))
        {
            detector.Process(frame);
        }

        // One 0.5 s burst: start and end.
        Assert.Equal(new[] { (FaxTone.Cng, true), (FaxTone.Cng, false) }, events.Select(e => (e.Tone, e.Present)));
    }

    [Fact]
    public void GeneratorPadsToFullFramesAndFallsSilentAfterLimitedTone()
    {
        using var generator = new SpanDspToneGenerator(FaxTone.Ced);
        var frame = new short[AudioFrame.Samples];
        var loudFrames = 0;
        for (var i = 0; i < 250; i++)
        {
            Array.Fill(frame, (short)999);
            generator.Generate(frame);
            if (frame.Any(s => s != 0))
            {
                loudFrames++;
                Assert.DoesNotContain((short)999, frame);
            }
        }

        // 0.2 s of silence, then 2.6 s of 2100 Hz: 130 frames with tone, then silence for good.
        Assert.InRange(loudFrames, 129, 131);
        Assert.All(frame, s => Assert.Equal(0, s));
    }

    /// <summary>When spandsp confirms each tone (measured on 0.0.6: the report comes in the frame ending at this time).</summary>
    private static (double Min, double Max) ExpectedStart(FaxTone tone) => tone switch
    {
        // 415 ms of 1100 Hz from the start.
        FaxTone.Cng => (400, 460),

        // 0.2 s of silence, then 550 ms of unbroken 2100 Hz.
        FaxTone.Ced or FaxTone.AnsAm => (720, 780),

        // 0.2 s of silence, then three 450 ms phase-reversal cycles.
        FaxTone.AnsPr or FaxTone.AnsAmPr => (1500, 1600),

        // A run of back-to-back flags at 300 bit/s.
        _ => (100, 400),
    };

    private static (double Min, double Max) ExpectedOnTime(FaxTone tone) => tone switch
    {
        // Detection delay shortens the reported on-time; the end is reported within a frame or two.
        FaxTone.Cng => (20, 200),
        FaxTone.Ced => (1500, 2700),
        FaxTone.AnsPr => (1500, 3400),
        FaxTone.AnsAm or FaxTone.AnsAmPr => (3000, 5100),
        _ => (500, 1000),
    };

    [Fact]
    public void HandlerExceptionsSurfaceFromProcessAndTheDetectorKeepsWorking()
    {
        using var detector = new SpanDspToneDetector(new ToneDetectorOptions());
        var seen = new List<ToneEvent>();
        detector.ToneChanged += (_, e) =>
        {
            seen.Add(e);
            if (e.Present)
            {
                throw new InvalidOperationException("handler failed");
            }
        };
        using var generator = new SpanDspToneGenerator(FaxTone.Cng);

        var thrown = 0;
        foreach (var frame in GeneratorFrames(generator, 60))
        {
            try
            {
                detector.Process(frame);
            }
            catch (InvalidOperationException ex) when (ex.Message == "handler failed")
            {
                thrown++;
            }
        }

        Assert.Equal(1, thrown);
        Assert.Equal(new[] { true, false }, seen.Select(e => e.Present));
    }

    [Fact]
    public void UseAfterDisposeThrowsAndDoubleDisposeIsHarmless()
    {
        var detector = new SpanDspToneDetector(new ToneDetectorOptions());
        var generator = new SpanDspToneGenerator(FaxTone.V21Preamble);
        detector.Dispose();
        detector.Dispose();
        generator.Dispose();
        generator.Dispose();

        Assert.Throws<ObjectDisposedException>(() => detector.Process(new short[AudioFrame.Samples]));
        Assert.Throws<ObjectDisposedException>(() => generator.Generate(new short[AudioFrame.Samples]));
    }

    private static List<ToneEvent> Detect(IEnumerable<short[]> frames, Companding law)
    {
        using var detector = new SpanDspToneDetector(new ToneDetectorOptions());
        var events = new List<ToneEvent>();
        detector.ToneChanged += (_, e) => events.Add(e);
        foreach (var frame in frames)
        {
            G711.RoundTrip(frame, law);
            detector.Process(frame);
        }

        // One more second of silence so that every tone can end.
        foreach (var frame in Signals.Silence(50))
        {
            detector.Process(frame);
        }

        return events;
    }

    private static IEnumerable<short[]> GeneratorFrames(SpanDspToneGenerator generator, int frames)
    {
        for (var i = 0; i < frames; i++)
        {
            var frame = new short[AudioFrame.Samples];
            generator.Generate(frame);
            yield return frame;
        }
    }
}
