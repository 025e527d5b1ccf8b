namespace FaxBox.LineInterface.Simulated.Scenarios;

/// <summary>A <see cref="LineSimulator"/> built from a scenario, with handles on what it holds.</summary>
public sealed class ScenarioSimulation : IDisposable
{
    internal ScenarioSimulation(LineSimulator simulator)
    {
        Simulator = simulator;
    }

    /// <summary>The simulator: register it with a media clock, or tick it with <see cref="LineSimulator.RunUntil"/>.</summary>
    public LineSimulator Simulator { get; }

    /// <summary>The FXS ports by board index.</summary>
    public Dictionary<int, Ports.FxsPort> FxsPorts { get; } = [];

    /// <summary>The FXO ports by board index.</summary>
    public Dictionary<int, Ports.FxoPort> FxoPorts { get; } = [];

    /// <summary>Every virtual fax machine, on FXS loops and on exchange lines, by name (the port label or <c>line-NUMBER</c>).</summary>
    public Dictionary<string, VirtualFaxMachine> FaxMachines { get; } = [];

    /// <summary>Every virtual phone, by name.</summary>
    public Dictionary<string, VirtualPhone> Phones { get; } = [];

    /// <summary>Disposes the simulator and everything in it.</summary>
    public void Dispose() => Simulator.Dispose();
}
