namespace FaxBox.LineInterface.Simulated.Scenarios;

/// <summary>
/// What the simulator board has on its lines (the board file's <c>simulation</c> object, read by
/// <see cref="SimulationScenarioParser"/>): the default line model, the virtual exchange and its other subscribers, and
/// per board port the terminal on an FXS loop or the number of an FXO line. Built into a running
/// <see cref="LineSimulator"/> by <see cref="SimulationScenarioBuilder"/>.
/// </summary>
public sealed class SimulationScenario
{
    /// <summary>The line model of every loop without its own (JSON <c>line</c>). Default a clean line.</summary>
    public LineModelOptions Line { get; init; } = new();

    /// <summary>The exchange's behaviour (JSON <c>exchange</c>). Default <see cref="VirtualExchangeOptions"/>'s.</summary>
    public VirtualExchangeOptions Exchange { get; init; } = new();

    /// <summary>Further exchange subscribers (JSON <c>exchange.lines</c>), e.g. a fax machine the box's FXO port can call.</summary>
    public IReadOnlyList<ExchangeLineScenario> ExchangeLines { get; init; } = [];

    /// <summary>Per-port settings (JSON <c>ports</c>); a board port not listed gets the defaults: FXS a phone (answers after one
    /// ring, dials nothing), FXO number 100 upward.</summary>
    public IReadOnlyList<SimulatedPortScenario> Ports { get; init; } = [];

    /// <summary>The settings for board port <paramref name="index"/>, or null.</summary>
    public SimulatedPortScenario? FindPort(int index)
    {
        foreach (var port in Ports)
        {
            if (port.Port == index)
            {
                return port;
            }
        }

        return null;
    }
}
