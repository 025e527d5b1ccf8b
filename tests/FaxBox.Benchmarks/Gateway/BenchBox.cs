using System.Net;
using FaxBox.CallControl.Bridging;
using FaxBox.CallControl.Configuration;
using FaxBox.Core;
using FaxBox.Core.Status;
using FaxBox.Fax;
using FaxBox.LineInterface;
using FaxBox.LineInterface.Regions;
using FaxBox.LineInterface.Simulated.Scenarios;
using Microsoft.Extensions.Logging.Abstractions;

namespace FaxBox.Benchmarks.Gateway;

/// <summary>
/// One FaxBox in the bench: a simulated board with one FXS port (the virtual fax machine on its loop) and the gateway
/// with its SIP account on 127.0.0.1 and real call media (RTP/UDPTL sockets on loopback). The simulator runs on
/// the line engine and the media on the media engine given to <see cref="Create"/>, so each can be metered apart.
/// Ticked by <see cref="Tick"/>, which times the simulator's and the gateway's tick on two meters.
/// </summary>
internal sealed class BenchBox : IAsyncDisposable
{
    private static readonly IReadOnlyList<SimulatedPortSpec> Board = [new(0, ScenarioPortType.Fxs, "fxs0")];

    private readonly CpuMeter _simulatorTick;
    private readonly CpuMeter _gatewayTick;

    private BenchBox(string workFolder, ScenarioSimulation simulation, CallControl.Gateway gateway, StatusBoard status, CpuMeter simulatorTick, CpuMeter gatewayTick)
    {
        WorkFolder = workFolder;
        Simulation = simulation;
        Gateway = gateway;
        Status = status;
        _simulatorTick = simulatorTick;
        _gatewayTick = gatewayTick;
    }

    /// <summary>Where the simulator writes; the receiving machine's faxes land in <c>received/</c> under it.</summary>
    public string WorkFolder { get; }

    public ScenarioSimulation Simulation { get; }

    public CallControl.Gateway Gateway { get; }

    public StatusBoard Status { get; }

    public string SipHostPort
    {
        get
        {
            IPEndPoint endPoint = Gateway.SipEndPoints.Values.First();
            return $"127.0.0.1:{endPoint.Port}";
        }
    }

    /// <summary>
    /// The gateway options of a bench box: one account ("trunk", free port, calls to <paramref name="target"/>), FXS 0 with
    /// <paramref name="number"/>, the dial plan of the gateway tests, fax options as given (default: T.38 on CED or preamble).
    /// </summary>
    public static GatewayOptions Options(string name, string? target, string number, FaxOptions fax) => new()
    {
        Name = name,
        SipT1 = TimeSpan.FromMilliseconds(100),
        Accounts = [new SipAccountSettings { Name = "trunk", Username = name, Port = 0, Target = target }],
        Fax = fax,
        DialPlan = new DialPlanOptions { Patterns = ["2xx", "1xx", "x.#"], InterDigitTimeout = TimeSpan.FromSeconds(2) },
        Ports = [new PortSettings { Port = 0, Account = "trunk", Number = number }],
    };

    public static BenchBox Create(GatewayOptions options, SimulationScenario scenario, IFaxEngine lineEngine, IFaxEngine mediaEngine, string workFolder, CpuMeter simulatorTick, CpuMeter gatewayTick)
    {
        var simulation = SimulationScenarioBuilder.Build(scenario, Board, LineRegions.BuiltIn.Get("us"), lineEngine, workFolder);
        try
        {
            var ports = new Dictionary<int, ILinePort>();
            foreach (var (index, port) in simulation.FxsPorts)
            {
                ports[index] = port;
            }

            var status = new StatusBoard(options.Name);
            var media = new CallMediaFactory(options.Media, mediaEngine, NullLoggerFactory.Instance);
            var gateway = CallControl.Gateway.Create(options, ports, media, new NoDns(), status, NullLoggerFactory.Instance);
            gateway.Start();
            return new BenchBox(workFolder, simulation, gateway, status, simulatorTick, gatewayTick);
        }
        catch
        {
            simulation.Dispose();
            throw;
        }
    }

    /// <summary>One 20 ms media tick: the line simulator (machines, loops, the FXS port and the call media it drives), then the gateway.</summary>
    public void Tick(in MediaTick tick)
    {
        var start = CpuMeter.Enter();
        Simulation.Simulator.OnTick(tick);
        _simulatorTick.Exit(start);
        start = CpuMeter.Enter();
        Gateway.OnTick(tick);
        _gatewayTick.Exit(start);
    }

    public async ValueTask DisposeAsync()
    {
        await Gateway.DisposeAsync();
        Simulation.Dispose();
    }
}
