using FaxBox.LineInterface.Ports;
using FaxBox.LineInterface.Regions;
using FaxBox.LineInterface.Simulated;

namespace FaxBox.LineInterface.Tests.Ports;

/// <summary>An FXS port on a simulated loop with a virtual phone at the far end, on a test clock.</summary>
internal sealed class FxsRig : IDisposable
{
    public FxsRig(string region, LineModelOptions? model = null)
    {
        Region = LineRegions.BuiltIn.Get(region);
        Loop = new SimulatedLoop("fxs0", model);
        Port = new FxsPort("fxs0", Loop.Exchange, Region, Engine.Native);
        Phone = new VirtualPhone("phone", Loop.Subscriber, Region, Engine.Native);
        Port.DigitReceived += (_, d) => Digits.Add(d);
        Port.HookChanged += (_, h) => Hooks.Add(h);
        Port.HookFlash += (_, _) => Flashes++;
        Bench = new Bench(Phone, Port, Loop);
    }

    public LineRegion Region { get; }

    public SimulatedLoop Loop { get; }

    public FxsPort Port { get; }

    public VirtualPhone Phone { get; }

    public Bench Bench { get; }

    public List<DialledDigit> Digits { get; } = [];

    public List<HookChange> Hooks { get; } = [];

    public int Flashes { get; private set; }

    public void LiftHandset()
    {
        Phone.OffHook();
        Bench.RunUntil(() => Port.Hook == HookState.OffHook, TimeSpan.FromSeconds(1), "port sees off-hook");
    }

    public void Dispose()
    {
        Port.Dispose();
        Phone.Dispose();
    }
}
