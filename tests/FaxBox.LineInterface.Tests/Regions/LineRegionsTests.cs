using System.Text;
using FaxBox.Fax.CallerId;
using FaxBox.LineInterface.Regions;

namespace FaxBox.LineInterface.Tests.Regions;

public sealed class LineRegionsTests
{
    [Fact]
    public void BuiltInTableHoldsTheEightRegions()
    {
        Assert.Equal(["US", "UK", "DE", "FR", "IT", "NL", "AU", "JP"], LineRegions.BuiltIn.All.Select(r => r.Code));
    }

    [Fact]
    public void ValuesAreReadAsWritten()
    {
        var uk = LineRegions.BuiltIn.Get("gb");

        Assert.Equal("UK", uk.Code);
        Assert.Equal([350.0, 440.0], uk.Dial.FrequenciesHz);
        Assert.True(uk.Dial.Cadence.IsContinuous);
        Assert.Equal([400, 200, 400, 2000], uk.Ring.Cadence.OnOffMilliseconds);
        Assert.Equal(25, uk.Ring.FrequencyHz);
        Assert.Equal(new CallerIdSpec(CallerIdStandard.EtsiV23, CallerIdAlerting.LineReversalDtas), uk.CallerId);
        Assert.Equal("0.4 on 0.2 off 0.4 on 2 off", uk.Ringback.Cadence.ToString());
        Assert.Equal(16, LineRegions.BuiltIn.Get("JP").Ringback.ModulationHz);
        Assert.Equal(CallerIdStandard.Dtmf, LineRegions.BuiltIn.Get("NL").CallerId.Standard);
    }

    [Fact]
    public void EveryCallerIdStandardIsUsedBySomeRegion()
    {
        var used = LineRegions.BuiltIn.All.Select(r => r.CallerId.Standard).Distinct();

        Assert.Equal(Enum.GetValues<CallerIdStandard>().Order(), used.Order());
    }

    [Fact]
    public void UnknownRegionListsTheKnownOnes()
    {
        var ex = Assert.Throws<ArgumentException>(() => LineRegions.BuiltIn.Get("XX"));

        Assert.Contains("unknown line region 'XX'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("US, UK, DE", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{ "regions": [ { "code": "ZZ" } ] }""", "test.json: regions[0] 'ZZ': missing key \"name\"")]
    [InlineData("""{ "regions": [] }""", "test.json: \"regions\" is empty")]
    [InlineData("""{ "regionz": [] }""", "test.json: expected an object with a \"regions\" array")]
    [InlineData("{ nope", "test.json: not valid JSON")]
    public void BadTablesNameTheKey(string json, string expected)
    {
        var ex = Assert.Throws<InvalidDataException>(() => LineRegions.Load(new MemoryStream(Encoding.UTF8.GetBytes(json)), "test.json"));

        Assert.StartsWith(expected, ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\"frequencies\": [425]", "\"frequencies\": [4250]", "regions[0] 'DE': dial.frequencies: expected one or two frequencies")]
    [InlineData("\"cadence\": [480, 480]", "\"cadence\": [480]", "regions[0] 'DE': busy.cadence: a cadence alternates")]
    [InlineData("\"standard\": \"EtsiV23\"", "\"standard\": \"V99\"", "regions[0] 'DE': callerId.standard: 'V99' is not one of Bell202")]
    [InlineData("\"impedance\"", "\"impedanz\"", "regions[0]: unknown key \"impedanz\"")]
    [InlineData("\"level\": -10, \"cadence\": [480", "\"level\": 6, \"cadence\": [480", "regions[0] 'DE': busy.level: 6 dBm0 is outside")]
    public void BadValuesNameRegionAndKey(string find, string replace, string expected)
    {
        var json = DeOnly().Replace(find, replace, StringComparison.Ordinal);
        var busyOnly = json;

        var ex = Assert.Throws<InvalidDataException>(() => LineRegions.Load(new MemoryStream(Encoding.UTF8.GetBytes(busyOnly)), "t.json"));

        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void OptionsResolveTheConfiguredRegionFromAFile()
    {
        using var folder = FaxBox.Testing.TestPaths.NewTempFolder();
        var path = Path.Combine(folder.Path, "regions.json");
        File.WriteAllText(path, DeOnly());

        var region = new LineRegionOptions { Region = "de", RegionFile = path }.Resolve();

        Assert.Equal("Germany", region.Name);
        Assert.Throws<ArgumentException>(() => new LineRegionOptions { Region = "US", RegionFile = path }.Resolve());
    }

    private static string DeOnly() => """
        {
          "regions": [
            {
              "code": "DE", "name": "Germany",
              "dial":       { "frequencies": [425], "level": -10, "cadence": [] },
              "ringback":   { "frequencies": [425], "level": -10, "cadence": [1000, 4000] },
              "busy":       { "frequencies": [425], "level": -10, "cadence": [480, 480] },
              "congestion": { "frequencies": [425], "level": -9, "cadence": [240, 240] },
              "ring":       { "frequency": 25, "cadence": [1000, 4000] },
              "callerId":   { "standard": "EtsiV23", "alerting": "AfterFirstRing" },
              "impedance": "220 Ω + 820 Ω ∥ 115 nF"
            }
          ]
        }
        """;
}
