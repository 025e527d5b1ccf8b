using FaxBox.LineInterface.Regions;
using FaxBox.LineInterface.SelfTest;
using FaxBox.LineInterface.Simulated;
using FaxBox.LineInterface.Tests.Regions;

namespace FaxBox.LineInterface.Tests.SelfTest;

public sealed class SelfTestTests
{
    [Theory]
    [MemberData(nameof(RegionData.Codes), MemberType = typeof(RegionData))]
    public void FxsSelfTestPassesOnTheSimulator(string code)
    {
        using var sim = new LineSimulator(LineRegions.BuiltIn.Get(code), Engine.Native);
        var (port, _) = sim.AddFxs("fxs0");
        var test = new FxsSelfTest(port);
        sim.AddAfterPorts(test);

        Assert.True(sim.RunUntil(() => test.IsComplete, TimeSpan.FromMinutes(2)));

        Assert.True(test.Passed, string.Join("; ", test.Findings));
        Assert.Equal(["idle", "ring", "dial tone", "digits"], test.Findings.Select(f => f.Check));
        Assert.Equal("123#", test.Digits);
    }

    [Fact]
    public void FxsSelfTestSaysWhenNobodyAnswers()
    {
        using var sim = new LineSimulator(LineRegions.BuiltIn.Get("US"), Engine.Native);
        var (port, phone) = sim.AddFxs("fxs0");
        phone.AutoAnswerAfterRings = null;
        var test = new FxsSelfTest(port, answerTimeout: TimeSpan.FromSeconds(10));
        sim.AddAfterPorts(test);

        Assert.True(sim.RunUntil(() => test.IsComplete, TimeSpan.FromMinutes(1)));

        Assert.False(test.Passed);
        Assert.Equal("FAIL ring: nobody answered within 10.0 s", test.Findings[^1].ToString());
        Assert.False(port.IsRinging);
    }

    [Theory]
    [MemberData(nameof(RegionData.Codes), MemberType = typeof(RegionData))]
    public void FxoSelfTestPassesOnTheSimulator(string code)
    {
        using var sim = new LineSimulator(LineRegions.BuiltIn.Get(code), Engine.Native);
        var port = sim.AddFxo("fxo1");
        var test = new FxoSelfTest(port);
        sim.AddAfterPorts(test);

        Assert.True(sim.RunUntil(() => test.IsComplete, TimeSpan.FromMinutes(1)));

        Assert.True(test.Passed, string.Join("; ", test.Findings));
        Assert.Equal(["dial tone", "DTMF", "loop"], test.Findings.Select(f => f.Check));
        Assert.False(port.IsOffHook);
    }

    [Fact]
    public void FxoSelfTestSaysWhenTheLineIsDead()
    {
        var loop = new SimulatedLoop("dead");
        loop.Exchange.SetLinefeed(FaxBox.LineInterface.Ports.FxsLinefeed.Open);
        using var port = new FaxBox.LineInterface.Ports.FxoPort("fxo1", loop.Subscriber, LineRegions.BuiltIn.Get("DE"), Engine.Native);
        var test = new FxoSelfTest(port);
        var bench = new Bench(port, test, loop);

        bench.RunUntil(() => test.IsComplete, TimeSpan.FromSeconds(30), "self-test");

        Assert.False(test.Passed);
        Assert.StartsWith("FAIL dial tone: ", test.Findings[^1].ToString(), StringComparison.Ordinal);
    }
}
