using FaxBox.Core;
using FaxBox.Fax;
using FaxBox.LineInterface;
using FaxBox.LineInterface.Hardware;
using FaxBox.LineInterface.Hardware.Boards;
using FaxBox.LineInterface.Ports;
using FaxBox.LineInterface.Regions;
using FaxBox.LineInterface.Simulated.Scenarios;
using Microsoft.Extensions.Logging;

namespace FaxBox.Host.Appliance;

/// <summary>
/// The box's line ports, from a board profile: the simulator (with the terminals its scenario puts on the lines) or the
/// hardware board's chips. Ticked once per media tick before the gateway. The simulator lets the media clock park when it
/// is idle; a hardware board never does (its ports learn of a loop closure or ringing only by sampling each tick).
/// </summary>
internal sealed class ApplianceBoard : IMediaParkingHandler, IAsyncDisposable
{
    private readonly List<IMediaTickHandler> _tick = [];
    private readonly List<IDisposable> _owned = [];
    private HardwareBoard? _hardware;

    private ApplianceBoard(BoardProfile profile) => Profile = profile;

    public BoardProfile Profile { get; }

    /// <summary>The ports by board index.</summary>
    public Dictionary<int, ILinePort> Ports { get; } = [];

    /// <summary>The simulation, on the simulator board.</summary>
    public ScenarioSimulation? Simulation { get; private set; }

    public static async Task<ApplianceBoard> OpenAsync(BoardProfile profile, LineRegion region, IFaxEngine engine, string dataFolder, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var board = new ApplianceBoard(profile);
        try
        {
            if (profile.Kind == BoardKind.Simulator)
            {
                var specs = profile.Ports
                    .Select(p => new SimulatedPortSpec(p.Index, p.Type == BoardPortType.Fxs ? ScenarioPortType.Fxs : ScenarioPortType.Fxo, p.Label))
                    .ToList();
                var simulation = SimulationScenarioBuilder.Build(profile.Scenario ?? new SimulationScenario(), specs, region, engine, dataFolder, loggers);
                board.Simulation = simulation;
                board._owned.Add(simulation);
                board._tick.Add(simulation.Simulator);
                foreach (var (index, port) in simulation.FxsPorts)
                {
                    board.Ports[index] = port;
                }

                foreach (var (index, port) in simulation.FxoPorts)
                {
                    board.Ports[index] = port;
                }

                return board;
            }

            board._hardware = await HardwareBoard.OpenAsync(profile, region.Code, region.Ring.FrequencyHz, cancellationToken: cancellationToken).ConfigureAwait(false);
            foreach (var p in profile.Ports)
            {
                ILinePort port = p.Type == BoardPortType.Fxs
                    ? new FxsPort(p.Label, board._hardware.Fxs[p.Index], region, engine, logger: loggers.CreateLogger<FxsPort>())
                    : new FxoPort(p.Label, board._hardware.Fxo[p.Index], region, engine, logger: loggers.CreateLogger<FxoPort>());
                board.Ports[p.Index] = port;
                board._tick.Add(port);
                board._owned.Add((IDisposable)port);
            }

            return board;
        }
        catch
        {
            await board.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Media thread: the simulator's board is idle (see <see cref="LineInterface.Simulated.LineSimulator.CanPark"/>); a hardware board never is.</summary>
    public bool CanPark
    {
        get
        {
            if (_hardware is not null)
            {
                return false;
            }

            foreach (var handler in _tick)
            {
                if (handler is not IMediaParkingHandler { CanPark: true })
                {
                    return false;
                }
            }

            return true;
        }
    }

    public void OnTick(in MediaTick tick)
    {
        foreach (var handler in _tick)
        {
            handler.OnTick(tick);
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var owned in _owned)
        {
            owned.Dispose();
        }

        if (_hardware is not null)
        {
            await _hardware.DisposeAsync().ConfigureAwait(false);
        }
    }
}
