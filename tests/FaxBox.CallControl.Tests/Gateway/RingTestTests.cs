using FaxBox.Core.Status;
using FaxBox.LineInterface.Simulated.Scenarios;

namespace FaxBox.CallControl.Tests.Gateway;

/// <summary>The FXS ring test (MQTT command/ring-test): rings an idle port for a while, refuses a busy or unknown one.</summary>
public sealed class RingTestTests : IDisposable
{
    private static readonly SimulationScenario NobodyHome = new() { Ports = [new SimulatedPortScenario { Port = 0, Type = ScenarioPortType.Fxs, Terminal = null }] };
    private readonly TempFolder _work = TestPaths.NewTempFolder();

    public void Dispose() => _work.Dispose();

    [Fact]
    public async Task An_idle_port_rings_for_the_test_and_goes_back_to_idle()
    {
        await using var box = GatewayBox.Create(GatewayBox.Options("box", null), NobodyHome, new FakeCallMediaFactory(), _work.Path);
        var fxs = box.Simulation.FxsPorts[0];

        var ringing = box.Gateway.RingTestAsync("fxs0", TimeSpan.FromSeconds(4));
        Assert.True(await GatewayBox.Run(() => ringing.IsCompleted, TimeSpan.FromSeconds(1), box));

        Assert.Null(await ringing);
        Assert.True(fxs.IsRinging);
        Assert.Equal(PortState.Ringing, box.Port("fxs0").State);
        Assert.True(await GatewayBox.Run(() => box.Port("fxs0").State == PortState.Idle, TimeSpan.FromSeconds(6), box));
        Assert.False(fxs.IsRinging);
    }

    [Fact]
    public async Task A_second_test_while_ringing_and_an_unknown_port_are_refused_with_the_reason()
    {
        await using var box = GatewayBox.Create(GatewayBox.Options("box", null), NobodyHome, new FakeCallMediaFactory(), _work.Path);
        var first = box.Gateway.RingTestAsync("fxs0", TimeSpan.FromSeconds(4));
        Assert.True(await GatewayBox.Run(() => first.IsCompleted, TimeSpan.FromSeconds(1), box));

        var second = box.Gateway.RingTestAsync("fxs0", TimeSpan.FromSeconds(4));
        Assert.True(await GatewayBox.Run(() => second.IsCompleted, TimeSpan.FromSeconds(1), box));

        Assert.Equal("fxs0 is ringing and on-hook: not ringing it", await second);
        Assert.Equal("no FXS port named 'fxs9' (FXS ports: fxs0)", await box.Gateway.RingTestAsync("fxs9", TimeSpan.FromSeconds(1)));
    }
}
