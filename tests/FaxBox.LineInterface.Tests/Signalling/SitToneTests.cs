using System.Text;
using FaxBox.Core;
using FaxBox.LineInterface.Regions;
using FaxBox.LineInterface.Signalling;
using FaxBox.LineInterface.Tests.Ports;
using FaxBox.LineInterface.Tests.Regions;

namespace FaxBox.LineInterface.Tests.Signalling;

public sealed class SitToneTests
{
    private static short[] Generate(ToneSpec spec, TimeSpan duration)
    {
        var generator = new ToneGenerator(spec);
        var frames = (int)(duration.TotalMilliseconds / AudioFrame.Milliseconds);
        var audio = new short[frames * AudioFrame.Samples];
        for (var i = 0; i < frames; i++)
        {
            generator.Generate(audio.AsSpan(i * AudioFrame.Samples, AudioFrame.Samples));
        }

        return audio;
    }

    [Theory]
    [MemberData(nameof(RegionData.Codes), MemberType = typeof(RegionData))]
    public void Generated_sit_has_the_regions_frequencies_durations_and_level(string code)
    {
        var region = LineRegions.BuiltIn.Get(code);
        var (frequencies, durations) = Expected(code);
        var audio = Generate(region.Sit, TimeSpan.FromSeconds(6));

        var runs = ToneSegments.Runs(audio, frequencies);

        // Three cycles: f1, f2, f3 back to back, then 1 s of silence (the last silence is cut by the end of the audio).
        var expected = new List<(int, int)>();
        for (var cycle = 0; cycle < 3; cycle++)
        {
            expected.AddRange([(0, durations[0]), (1, durations[1]), (2, durations[2]), (-1, 1000)]);
        }

        Assert.True(runs.Count >= expected.Count - 1, $"{runs.Count} runs: {string.Join(", ", runs)}");
        for (var i = 0; i < expected.Count - 1; i++)
        {
            Assert.Equal(expected[i].Item1, runs[i].Index);
            Assert.InRange(runs[i].Milliseconds, expected[i].Item2 - 8, expected[i].Item2 + 8);
        }

        // The exact frequency and the level of each segment, measured over its middle 200 ms.
        var offset = 0;
        for (var j = 0; j < 3; j++)
        {
            var middle = audio.AsSpan(((offset + (durations[j] / 2) - 100) * 8), 1600);
            Assert.InRange(ToneSegments.PeakFrequency(middle, frequencies[j]), frequencies[j] - 1.5, frequencies[j] + 1.5);
            Assert.InRange(ToneSegments.LevelDbm0(middle), -24.3, -23.7);
            offset += durations[j];
        }
    }

    [Fact]
    public void North_american_and_itu_sit_differ_where_telcordia_says()
    {
        var us = LineRegions.BuiltIn.Get("US").Sit;
        var de = LineRegions.BuiltIn.Get("DE").Sit;

        Assert.Equal([913.8, 1370.6, 1776.7], us.FrequenciesHz);
        Assert.Equal([274, 0, 274, 0, 380, 1000], us.Cadence.OnOffMilliseconds);
        Assert.Equal(LineRegion.ItuSit.FrequenciesHz, de.FrequenciesHz);
        Assert.Equal(LineRegion.ItuSit.Cadence.OnOffMilliseconds, de.Cadence.OnOffMilliseconds);
        Assert.Equal(-24, de.LevelDbm0);
        Assert.True(us.Sequential);
        Assert.Equal("950, then 1400, then 1800 Hz, 0.33 on 0 off 0.33 on 0 off 0.33 on 1 off", de.ToString());
    }

    [Fact]
    public void An_fxs_port_plays_sit_to_the_phone()
    {
        using var rig = new FxsRig("UK");
        var heard = new Recorder();
        rig.Phone.Audio = heard;
        rig.LiftHandset();
        heard.Clear();

        rig.Port.PlayTone(CallProgressTone.Sit);
        rig.Bench.Run(TimeSpan.FromSeconds(4));

        Assert.Equal(CallProgressTone.Sit, rig.Port.Tone);
        var runs = ToneSegments.Runs(heard.Audio, [950, 1400, 1800]);
        var tones = runs.Where(r => r.Index >= 0).Select(r => r.Index).ToList();
        Assert.Equal([0, 1, 2, 0, 1, 2], tones);
        Assert.All(runs.Where(r => r.Index >= 0), r => Assert.InRange(r.Milliseconds, 330 - 25, 330 + 25));
    }

    [Fact]
    public void A_region_file_without_sit_gets_the_itu_tone()
    {
        var json = RegionJson(sit: null);

        var region = LineRegions.Load(new MemoryStream(Encoding.UTF8.GetBytes(json)), "t.json").Get("DE");

        Assert.Same(LineRegion.ItuSit, region.Sit);
        Assert.Same(region.Sit, region.ToneOf(CallProgressTone.Sit));
    }

    [Theory]
    [InlineData("""{ "frequencies": [950, 1400, 1800], "level": -24, "cadence": [330, 0, 330, 0, 330, 1000] }""", "'DE': sit.frequencies: expected one or two frequencies")]
    [InlineData("""{ "frequencies": [950, 1400, 1800], "sequential": true, "level": -24, "cadence": [330, 1000] }""", "'DE': sit.cadence: a sequential tone needs one on duration per frequency (3), found 1")]
    [InlineData("""{ "frequencies": [950], "sequential": true, "level": -24, "cadence": [330, 1000] }""", "'DE': sit.frequencies: a sequential tone has two to four frequencies")]
    [InlineData("""{ "frequencies": [950, 1400], "sequential": "yes", "level": -24, "cadence": [330, 0, 330, 1000] }""", "'DE': sit.sequential: expected true or false, found String")]
    [InlineData("""{ "frequencies": [950, 1400], "sequential": true, "level": -24, "cadence": [0, 330, 330, 1000] }""", "'DE': sit.cadence: cadence duration 0 is 0 ms; every on duration must be positive")]
    public void Bad_sit_data_names_the_region_and_key(string sit, string expected)
    {
        var ex = Assert.Throws<InvalidDataException>(() => LineRegions.Load(new MemoryStream(Encoding.UTF8.GetBytes(RegionJson(sit))), "t.json"));

        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    private static (double[] Frequencies, int[] Durations) Expected(string code) => code == "US"
        ? ([913.8, 1370.6, 1776.7], [274, 274, 380])
        : ([950, 1400, 1800], [330, 330, 330]);

    private static string RegionJson(string? sit) => $$"""
        { "regions": [ {
          "code": "DE", "name": "Germany",
          "dial":       { "frequencies": [425], "level": -10, "cadence": [] },
          "ringback":   { "frequencies": [425], "level": -10, "cadence": [1000, 4000] },
          "busy":       { "frequencies": [425], "level": -10, "cadence": [480, 480] },
          "congestion": { "frequencies": [425], "level": -10, "cadence": [240, 240] },
          {{(sit is null ? string.Empty : $"\"sit\": {sit},")}}
          "ring":       { "frequency": 25, "cadence": [1000, 4000] },
          "callerId":   { "standard": "EtsiV23", "alerting": "AfterFirstRing" },
          "impedance": "220 Ω + 820 Ω ∥ 115 nF"
        } ] }
        """;

    private sealed class Recorder : ILineAudio
    {
        private readonly List<short> _audio = [];

        public short[] Audio => [.. _audio];

        public void Clear() => _audio.Clear();

        public void Exchange(ReadOnlySpan<short> fromLine, Span<short> toLine) => _audio.AddRange(fromLine);
    }
}
