namespace FaxBox.LineInterface.Simulated.Scenarios;

/// <summary>A further subscriber of the virtual exchange (an element of JSON <c>simulation.exchange.lines</c>): a number with a terminal on it.</summary>
public sealed class ExchangeLineScenario
{
    /// <summary>Directory number (JSON <c>number</c>, digits, unique, none a prefix of another). Required.</summary>
    public required string Number { get; init; }

    /// <summary>The terminal on the line (JSON <c>terminal</c>). Required.</summary>
    public required SimulatedTerminalScenario Terminal { get; init; }

    /// <summary>This line's loop (JSON <c>line</c>), overriding <see cref="SimulationScenario.Line"/>; null to use it.</summary>
    public LineModelOptions? Line { get; init; }
}
