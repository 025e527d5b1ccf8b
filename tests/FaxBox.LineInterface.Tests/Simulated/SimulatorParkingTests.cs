using FaxBox.LineInterface.Regions;
using FaxBox.LineInterface.Simulated;

namespace FaxBox.LineInterface.Tests.Simulated;

/// <summary>When the simulated lines let the media clock park: only when nothing on them needs a tick.</summary>
public sealed class SimulatorParkingTests
{
    [Fact]
    public void Idle_on_hook_lines_may_park_a_ringing_port_may_not_until_the_phone_has_timed_the_ringing_out()
    {
        using var sim = new LineSimulator(LineRegions.BuiltIn.Get("US"), Engine.Native);
        var (port, phone) = sim.AddFxs("fxs0", phoneDials: null);
        phone.AutoAnswerAfterRings = null;
        sim.AddFxo("fxo1");

        Assert.True(sim.RunUntil(() => sim.CanPark, TimeSpan.FromSeconds(1)), "idle lines park");

        port.Ring();
        Assert.False(sim.CanPark);
        Assert.True(sim.RunUntil(() => phone.Rings >= 1, TimeSpan.FromSeconds(10)));
        Assert.False(sim.CanPark);

        port.StopRinging();
        // The phone still counts the ringing until its detector times the silence out: no park before that.
        Assert.False(sim.CanPark);
        Assert.True(sim.RunUntil(() => sim.CanPark, TimeSpan.FromSeconds(30)), "parks once the ringing is over");
        Assert.False(port.IsRinging);
    }

    [Fact]
    public void An_off_hook_phone_or_a_tone_on_the_port_keeps_the_clock_ticking()
    {
        using var sim = new LineSimulator(LineRegions.BuiltIn.Get("US"), Engine.Native);
        var (port, phone) = sim.AddFxs("fxs0", phoneDials: null);
        Assert.True(sim.RunUntil(() => sim.CanPark, TimeSpan.FromSeconds(1)));

        phone.OffHook();
        Assert.False(sim.CanPark);
        Assert.True(sim.RunUntil(() => port.Hook == HookState.OffHook, TimeSpan.FromSeconds(2)));
        port.PlayTone(CallProgressTone.Dial);
        phone.OnHook();
        Assert.True(sim.RunUntil(() => port.Hook == HookState.OnHook, TimeSpan.FromSeconds(5)));

        // On-hook clears the tone; the hook monitor has settled: idle again.
        Assert.Equal(CallProgressTone.None, port.Tone);
        Assert.True(sim.RunUntil(() => sim.CanPark, TimeSpan.FromSeconds(1)));
    }

    [Fact]
    public void A_terminal_that_cannot_say_it_is_idle_never_lets_the_clock_park()
    {
        using var sim = new LineSimulator(LineRegions.BuiltIn.Get("US"), Engine.Native);
        sim.AddFxs("fxs0", phoneDials: null);
        sim.AddTerminal(new Probe(() => { }));

        Assert.False(sim.RunUntil(() => sim.CanPark, TimeSpan.FromSeconds(1)));
    }
}
