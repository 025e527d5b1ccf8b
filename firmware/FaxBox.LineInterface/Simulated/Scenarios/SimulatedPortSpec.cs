namespace FaxBox.LineInterface.Simulated.Scenarios;

/// <summary>A port of the simulator board, as <see cref="SimulationScenarioBuilder"/> needs it.</summary>
/// <param name="Index">The board's port index.</param>
/// <param name="Type">FXS or FXO.</param>
/// <param name="Label">The port's name in logs, e.g. <c>fxs0</c>.</param>
public sealed record SimulatedPortSpec(int Index, ScenarioPortType Type, string Label);
