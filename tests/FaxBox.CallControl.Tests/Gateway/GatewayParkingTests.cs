using FaxBox.Core.Status;
using FaxBox.LineInterface.Simulated.Scenarios;

namespace FaxBox.CallControl.Tests.Gateway;

/// <summary>When the gateway lets the media clock park, and that work handed to it from other threads wakes the clock.</summary>
public sealed class GatewayParkingTests : IDisposable
{
    private static readonly SimulationScenario NobodyHome = new() { Ports = [new SimulatedPortScenario { Port = 0, Type = ScenarioPortType.Fxs, Terminal = null }] };
    private readonly TempFolder _work = TestPaths.NewTempFolder();

    public void Dispose() => _work.Dispose();

    [Fact]
    public async Task An_idle_gateway_may_park_a_command_wakes_the_clock_and_a_ringing_port_keeps_it_ticking_until_idle_again()
    {
        await using var box = GatewayBox.Create(GatewayBox.Options("box", null), NobodyHome, new FakeCallMediaFactory(), _work.Path);
        Assert.True(await GatewayBox.Run(() => box.Gateway.CanPark && box.Simulation.Simulator.CanPark, TimeSpan.FromSeconds(1), box));
        long wakes = box.Gateway.Wake.Wakes;

        // The ring test is posted to the port from this (non-media) thread: it must wake a parked clock, and the
        // posted work alone keeps the gateway from parking before the next tick has run it.
        var ringing = box.Gateway.RingTestAsync("fxs0", TimeSpan.FromSeconds(2));
        Assert.True(box.Gateway.Wake.Wakes > wakes, "posting woke the clock");
        Assert.False(box.Gateway.CanPark);

        Assert.True(await GatewayBox.Run(() => ringing.IsCompleted, TimeSpan.FromSeconds(1), box));
        Assert.Equal(PortState.Ringing, box.Port("fxs0").State);
        Assert.False(box.Gateway.CanPark);
        Assert.False(box.Simulation.Simulator.CanPark);

        Assert.True(await GatewayBox.Run(() => box.Port("fxs0").State == PortState.Idle, TimeSpan.FromSeconds(4), box));
        Assert.True(await GatewayBox.Run(() => box.Gateway.CanPark && box.Simulation.Simulator.CanPark, TimeSpan.FromSeconds(1), box), "idle again after the ring test");
    }
}
