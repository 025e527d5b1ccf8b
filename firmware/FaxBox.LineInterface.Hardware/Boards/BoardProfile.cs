using System.Text.Json;
using FaxBox.LineInterface.Simulated.Scenarios;

namespace FaxBox.LineInterface.Hardware.Boards;

/// <summary>
/// A board: which ports it has and how they are wired, bound and validated from one board-config JSON file by
/// <see cref="BoardProfileLoader"/>. Immutable.
/// </summary>
public sealed class BoardProfile
{
    /// <summary>Short name (JSON <c>name</c>), e.g. <c>"faxhat-rpi"</c>.</summary>
    public required string Name { get; init; }

    /// <summary>One line for humans (JSON <c>description</c>).</summary>
    public string? Description { get; init; }

    /// <summary>Simulator or hardware (JSON <c>kind</c>).</summary>
    public required BoardKind Kind { get; init; }

    /// <summary>The ports, ordered by <see cref="BoardPortProfile.Index"/>.</summary>
    public required IReadOnlyList<BoardPortProfile> Ports { get; init; }

    /// <summary>The PCM link (hardware boards; null on the simulator).</summary>
    public BoardAudioSettings? Audio { get; init; }

    /// <summary>Board-wide GPIO lines (status LED, factory-reset button); null when the board has none.</summary>
    public BoardGpioSettings? Gpio { get; init; }

    /// <summary>
    /// The simulator's own settings (JSON <c>simulation</c>, an object), passed through unparsed for
    /// <c>FaxBox.LineInterface.Simulated</c>, which owns its shape. Null when absent.
    /// </summary>
    public JsonElement? Simulation { get; init; }

    /// <summary>
    /// What the simulator has on its lines, parsed and validated from <see cref="Simulation"/>
    /// (<see cref="SimulationScenarioParser"/>): defaults when the board has no <c>simulation</c>. Null on hardware boards.
    /// Build the simulator with <see cref="SimulationScenarioBuilder"/>.
    /// </summary>
    public SimulationScenario? Scenario { get; init; }

    /// <summary>The file the profile was read from (or <c>embedded:simulator.json</c>).</summary>
    public required string Source { get; init; }

    /// <summary>The port with the given index, or null.</summary>
    public BoardPortProfile? FindPort(int index)
    {
        foreach (var port in Ports)
        {
            if (port.Index == index)
            {
                return port;
            }
        }

        return null;
    }

    /// <inheritdoc/>
    public override string ToString() => $"{Name} ({Kind}, {Ports.Count} port(s), from {Source})";
}
