using FaxBox.Core;
using FaxBox.Fax.Managed.Tones;
using FaxBox.Fax.SpanDsp.Tones;
using FaxBox.Fax.Tones;
using FaxBox.Host.Diagnostics;

namespace FaxBox.Fax.Managed.Tests.Tones;

/// <summary>Managed connect tones against themselves and against spandsp's generator and detector, through G.711.</summary>
public sealed class ToneTests
{
    public static TheoryData<FaxTone, string, LoopbackCodec> EveryToneAndPairing()
    {
        var data = new TheoryData<FaxTone, string, LoopbackCodec>();
        foreach (var tone in Enum.GetValues<FaxTone>())
        {
            data.Add(tone, "managed->managed", LoopbackCodec.ALaw);
            data.Add(tone, "managed->native", LoopbackCodec.MuLaw);
            data.Add(tone, "native->managed", LoopbackCodec.ALaw);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(EveryToneAndPairing))]
    public void EachToneIsDetectedAsItselfWithOneStartAndOneEnd(FaxTone tone, string pairing, LoopbackCodec codec)
    {
        using IToneGenerator generator = pairing.StartsWith("native", StringComparison.Ordinal) ? new SpanDspToneGenerator(tone) : new ManagedToneGenerator(tone);
        using IToneDetector detector = pairing.EndsWith("native", StringComparison.Ordinal) ? new SpanDspToneDetector(new ToneDetectorOptions()) : new ManagedToneDetector(new ToneDetectorOptions());
        var events = new List<ToneEvent>();
        detector.ToneChanged += (_, e) => events.Add(e);
        // spandsp's preamble detector never reports the end while −43 dBm0 of noise remains: its side gets a clean line.
        var channel = new ModemChannel(new ModemChannelOptions { Codec = codec, SnrDb = pairing.EndsWith("native", StringComparison.Ordinal) ? null : 30, Seed = 5 });
        var frame = new short[AudioFrame.Samples];

        // CNG: one 0.5 s burst and its 3 s pause; the others end by themselves within 5.2 s.
        var frames = tone == FaxTone.Cng ? 175 : 300;
        for (var i = 0; i < frames; i++)
        {
            generator.Generate(frame);
            channel.Pass(frame);
            detector.Process(frame);
        }

        Assert.Collection(
            events,
            start =>
            {
                Assert.Equal(tone, start.Tone);
                Assert.True(start.Present);
            },
            end =>
            {
                Assert.Equal(tone, end.Tone);
                Assert.False(end.Present);
                Assert.True(end.At > events[0].At);
            });
    }

    [Theory]
    [InlineData(-40)]
    [InlineData(-20)]
    [InlineData(0)]
    public void NoiseAloneIsNoTone(double noiseDbm0)
    {
        using var detector = new ManagedToneDetector(new ToneDetectorOptions());
        var events = new List<ToneEvent>();
        detector.ToneChanged += (_, e) => events.Add(e);
        var channel = new ModemChannel(new ModemChannelOptions { NoiseDbm0 = noiseDbm0, Seed = 9 });
        var frame = new short[AudioFrame.Samples];
        for (var i = 0; i < 1500; i++)
        {
            Array.Clear(frame);
            channel.Pass(frame);
            detector.Process(frame);
        }

        Assert.Empty(events);
    }

    [Fact]
    public void AnsweringToneWithAFrequencyOffsetKeepsItsKind()
    {
        using var generator = new ManagedToneGenerator(FaxTone.AnsAmPr);
        using var detector = new ManagedToneDetector(new ToneDetectorOptions());
        var events = new List<ToneEvent>();
        detector.ToneChanged += (_, e) => events.Add(e);
        var channel = new ModemChannel(new ModemChannelOptions { FrequencyOffsetHz = 8, Codec = LoopbackCodec.ALaw });
        var frame = new short[AudioFrame.Samples];
        for (var i = 0; i < 250; i++)
        {
            generator.Generate(frame);
            channel.Pass(frame);
            detector.Process(frame);
        }

        Assert.Equal(FaxTone.AnsAmPr, Assert.Single(events, e => e.Present).Tone);
    }
}
