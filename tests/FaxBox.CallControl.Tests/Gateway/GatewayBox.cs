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

namespace FaxBox.CallControl.Tests.Gateway;

/// <summary>
/// One FaxBox in a test: a simulated board (one FXS and one FXO port, the terminals the scenario puts on them) and the
/// gateway on a real SIP socket on 127.0.0.1, ticked by <see cref="Run"/> faster than real time.
/// </summary>
internal sealed class GatewayBox : IAsyncDisposable
{
    private long _tick;

    private GatewayBox(ScenarioSimulation simulation, CallControl.Gateway gateway, StatusBoard status, string workFolder)
    {
        WorkFolder = workFolder;
        Simulation = simulation;
        Gateway = gateway;
        Status = status;
    }

    public ScenarioSimulation Simulation { get; }

    /// <summary>Where the simulator writes test pages and received faxes.</summary>
    public string WorkFolder { get; }

    public CallControl.Gateway Gateway { get; }

    public StatusBoard Status { get; }

    public IPEndPoint SipEndPoint => Gateway.SipEndPoints.Values.First();

    public string SipHostPort => $"127.0.0.1:{SipEndPoint.Port}";

    public TimeSpan Now => Simulation.Simulator.Now;

    public static readonly IReadOnlyList<SimulatedPortSpec> Board =
        [new(0, ScenarioPortType.Fxs, "fxs0"), new(1, ScenarioPortType.Fxo, "fxo1")];

    /// <summary>Gateway options for a box: one account on a free port sending calls to <paramref name="target"/>, FXS 0 with <paramref name="number"/>.</summary>
    public static GatewayOptions Options(string name, string? target, string number = "201", FaxOptions? fax = null) => new()
    {
        Name = name,
        SipT1 = TimeSpan.FromMilliseconds(100),
        Accounts = [new SipAccountSettings { Name = "trunk", Username = name, Port = 0, Target = target }],
        Fax = fax ?? new FaxOptions(),
        DialPlan = new DialPlanOptions { Patterns = ["2xx", "1xx", "3xx", "x.#"], InterDigitTimeout = TimeSpan.FromSeconds(2) },
        Ports =
        [
            new PortSettings { Port = 0, Account = "trunk", Number = number },
            new PortSettings { Port = 1, Account = "trunk", Number = "100", InboundDestination = number },
        ],
    };

    public static GatewayBox Create(GatewayOptions options, SimulationScenario scenario, ICallMediaFactory media, string workFolder, IFaxEngine? engine = null)
    {
        var simulation = SimulationScenarioBuilder.Build(scenario, Board, LineRegions.BuiltIn.Get("us"), engine ?? Native.Engine, workFolder);
        var ports = new Dictionary<int, ILinePort>();
        foreach (var (index, port) in simulation.FxsPorts)
        {
            ports[index] = port;
        }

        foreach (var (index, port) in simulation.FxoPorts)
        {
            ports[index] = port;
        }

        var status = new StatusBoard(options.Name);
        var gateway = CallControl.Gateway.Create(options, ports, media, new NoDns(), status, NullLoggerFactory.Instance);
        gateway.Start();
        return new GatewayBox(simulation, gateway, status, workFolder);
    }

    public PortStatus Port(string name) => Status.Current.Ports.Single(p => p.Name == name);

    public void Tick()
    {
        var tick = new MediaTick(_tick, TimeSpan.FromMilliseconds(_tick * 20), TimeSpan.Zero);
        Simulation.Simulator.OnTick(tick);
        Gateway.OnTick(tick);
        _tick++;
    }

    /// <summary>
    /// Ticks every box together until <paramref name="done"/> or <paramref name="mediaLimit"/> of media time (and at most
    /// 3 minutes of real time). While SIP work is in flight it yields a millisecond per tick so loopback SIP keeps pace
    /// with media time (about 20 times real time); otherwise it runs flat out.
    /// </summary>
    public static async Task<bool> Run(Func<bool> done, TimeSpan mediaLimit, params GatewayBox[] boxes)
    {
        var ticks = (long)(mediaLimit / AudioFrame.Duration);
        var wall = DateTime.UtcNow + TimeSpan.FromMinutes(3);
        for (long i = 0; i < ticks && DateTime.UtcNow < wall; i++)
        {
            if (done())
            {
                return true;
            }

            foreach (var box in boxes)
            {
                box.Tick();
            }

            if (boxes.Any(b => b.Gateway.PendingSignalling > 0))
            {
                await Task.Delay(1);
            }
            else if (i % 25 == 0)
            {
                await Task.Yield();
            }
        }

        return done();
    }

    /// <summary>
    /// Ticks every box in real time, one tick per 20 ms of the wall clock (catching up after a late wake-up), until
    /// <paramref name="done"/> or <paramref name="limit"/>: for peers that play a wall-clock recording.
    /// </summary>
    public static async Task<bool> RunRealTime(Func<bool> done, TimeSpan limit, params GatewayBox[] boxes)
    {
        var start = DateTime.UtcNow;
        long ticks = 0;
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(5));
        while (!done())
        {
            var elapsed = DateTime.UtcNow - start;
            if (elapsed > limit)
            {
                return false;
            }

            for (var due = (long)(elapsed / AudioFrame.Duration); ticks < due; ticks++)
            {
                foreach (var box in boxes)
                {
                    box.Tick();
                }
            }

            await timer.WaitForNextTickAsync();
        }

        return true;
    }

    public async ValueTask DisposeAsync()
    {
        await Gateway.DisposeAsync();
        Simulation.Dispose();
    }
}
