using FaxBox.Core;
using FaxBox.LineInterface.Ports;
using FaxBox.LineInterface.Regions;
using FaxBox.LineInterface.Signalling;
using FaxBox.LineInterface.Simulated;

namespace FaxBox.LineInterface.Tests.Signalling;

public sealed class SitDetectionTests
{
    private static List<CallProgressTone> Detect(ToneSpec spec, TimeSpan duration, string region = "DE")
    {
        var detector = new CallProgressToneDetector(LineRegions.BuiltIn.Get(region));
        var reports = new List<CallProgressTone>();
        detector.Changed += (_, t) => reports.Add(t);
        var generator = new ToneGenerator(spec);
        var frame = new short[AudioFrame.Samples];
        for (var i = 0; i < duration.TotalMilliseconds / AudioFrame.Milliseconds; i++)
        {
            generator.Generate(frame);
            detector.Process(frame);
        }

        Array.Clear(frame);
        for (var i = 0; i < 200; i++)
        {
            detector.Process(frame);
        }

        return reports;
    }

    private static ToneSpec Sit(double[] hz, int[] ms, int gap = 0, double level = -24) =>
        new(hz, level, new Cadence([ms[0], gap, ms[1], gap, ms[2], 1000]), Sequential: true);

    [Theory]
    [InlineData(913.8, 1370.6, 274, 274, "intercept")]
    [InlineData(985.2, 1370.6, 380, 274, "vacant code")]
    [InlineData(913.8, 1428.5, 274, 380, "reorder")]
    [InlineData(985.2, 1428.5, 380, 380, "no circuit")]
    [InlineData(950, 1400, 330, 330, "E.180")]
    public void Every_variant_is_recognised_in_any_region_and_ends_with_silence(double f1, double f2, int d1, int d2, string name)
    {
        var reports = Detect(Sit([f1, f2, 1776.7], [d1, d2, 380]), TimeSpan.FromSeconds(5));

        Assert.True(reports.SequenceEqual([CallProgressTone.Sit, CallProgressTone.None]), $"{name}: {string.Join(", ", reports)}");
    }

    [Fact]
    public void Gaps_of_30_ms_between_segments_are_allowed()
    {
        Assert.Equal([CallProgressTone.Sit, CallProgressTone.None], Detect(Sit([950, 1400, 1800], [330, 330, 330], gap: 30), TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public void A_quiet_sit_is_recognised_down_to_the_detectors_floor()
    {
        Assert.Equal([CallProgressTone.Sit, CallProgressTone.None], Detect(Sit([950, 1400, 1800], [330, 330, 330], level: -40), TimeSpan.FromSeconds(5)));
    }

    [Theory]
    [InlineData(new[] { 1800.0, 1400, 950 }, new[] { 330, 330, 330 }, 0, "falling order")]
    [InlineData(new[] { 950.0, 1400, 1800 }, new[] { 120, 120, 120 }, 0, "segments too short")]
    [InlineData(new[] { 950.0, 1400, 1800 }, new[] { 600, 600, 600 }, 0, "segments too long")]
    [InlineData(new[] { 950.0, 1400, 1800 }, new[] { 330, 330, 330 }, 100, "gaps too long")]
    [InlineData(new[] { 950.0, 1800, 1400 }, new[] { 330, 330, 330 }, 0, "out of order")]
    public void Sequences_that_are_not_sit_are_not_reported(double[] hz, int[] ms, int gap, string name)
    {
        var reports = Detect(Sit(hz, ms, gap), TimeSpan.FromSeconds(5));

        Assert.False(reports.Contains(CallProgressTone.Sit), $"{name}: {string.Join(", ", reports)}");
    }

    [Fact]
    public void Busy_tone_after_sit_replaces_it()
    {
        var region = LineRegions.BuiltIn.Get("US");
        var detector = new CallProgressToneDetector(region);
        var sit = new ToneGenerator(region.Sit);
        var busy = new ToneGenerator(region.Busy);
        var frame = new short[AudioFrame.Samples];
        for (var i = 0; i < 100; i++)
        {
            sit.Generate(frame);
            detector.Process(frame);
        }

        Assert.Equal(CallProgressTone.Sit, detector.Current);
        for (var i = 0; i < 200; i++)
        {
            busy.Generate(frame);
            detector.Process(frame);
        }

        Assert.Equal(CallProgressTone.Busy, detector.Current);
    }

    [Theory]
    [InlineData("US")]
    [InlineData("UK")]
    [InlineData("JP")]
    public void An_fxo_port_clears_on_sit_for_an_unknown_number(string code)
    {
        var region = LineRegions.BuiltIn.Get(code);
        using var exchange = new VirtualExchange(region, Engine.Native, new VirtualExchangeOptions { UnknownNumberTone = CallProgressTone.Sit });
        var box = exchange.AddLine("100");
        exchange.AddLine("200");
        using var port = new FxoPort("fxo0", box.Loop.Subscriber, region, Engine.Native);
        var clears = new List<FxoDisconnect>();
        port.Disconnected += (_, d) => clears.Add(d);
        var bench = new Bench(port, exchange);

        port.Seize();
        bench.Run(TimeSpan.FromSeconds(1));
        port.Dial("999", DialMethod.Dtmf);
        bench.RunUntil(() => clears.Count > 0, TimeSpan.FromSeconds(15), "SIT");

        Assert.Equal(FxoDisconnectReason.SpecialInformationTone, Assert.Single(clears).Reason);
        Assert.Equal(CallProgressTone.Sit, port.HeardTone);
    }
}
