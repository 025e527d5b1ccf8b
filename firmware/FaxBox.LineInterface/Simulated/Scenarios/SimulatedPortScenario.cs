namespace FaxBox.LineInterface.Simulated.Scenarios;

/// <summary>What is attached to one port of a simulator board (an element of JSON <c>simulation.ports</c>).</summary>
public sealed class SimulatedPortScenario
{
    /// <summary>The board port's index (JSON <c>port</c>). Required.</summary>
    public required int Port { get; init; }

    /// <summary>FXS or FXO, from the board's port list.</summary>
    public required ScenarioPortType Type { get; init; }

    /// <summary>FXS: the terminal on the port's loop (JSON <c>terminal</c>); null for nothing (the loop stays on-hook).</summary>
    public SimulatedTerminalScenario? Terminal { get; init; }

    /// <summary>FXO: the directory number of the exchange line the port is on (JSON <c>number</c>). Default "100".</summary>
    public string Number { get; init; } = "100";

    /// <summary>This port's loop (JSON <c>line</c>), overriding <see cref="SimulationScenario.Line"/>; null to use it.</summary>
    public LineModelOptions? Line { get; init; }
}
