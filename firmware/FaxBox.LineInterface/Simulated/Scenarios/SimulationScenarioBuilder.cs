using FaxBox.Fax;
using FaxBox.Fax.Documents;
using FaxBox.LineInterface.Ports;
using FaxBox.LineInterface.Regions;

namespace FaxBox.LineInterface.Simulated.Scenarios;

/// <summary>
/// Builds a <see cref="LineSimulator"/> from a <see cref="SimulationScenario"/> and the board's ports: an FXS port per
/// board FXS port with its terminal on the loop, an FXO port per board FXO port on its exchange line, and the exchange's
/// other subscribers. Sending fax machines start their call at their <see cref="SimulatedTerminalScenario.At"/>;
/// receiving ones answer and write <c>NAME-0001.tif</c> (the first free number) into their folder, one fax per run.
/// </summary>
public static class SimulationScenarioBuilder
{
    /// <summary>The first directory number tried for an FXO port the scenario does not list.</summary>
    public const int FirstDefaultNumber = 100;

    /// <summary>Builds the simulator.</summary>
    /// <param name="scenario">What is on the lines.</param>
    /// <param name="ports">The board's ports.</param>
    /// <param name="region">The region everything signals in.</param>
    /// <param name="engine">The fax engine (terminals, tone generators and detectors).</param>
    /// <param name="workFolder">Where generated test pages are written and relative receive folders are resolved; created if missing.</param>
    /// <param name="loggerFactory">Where ports, terminals and the exchange log; default nowhere.</param>
    public static ScenarioSimulation Build(SimulationScenario scenario, IReadOnlyList<SimulatedPortSpec> ports, LineRegion region, IFaxEngine engine, string workFolder, Microsoft.Extensions.Logging.ILoggerFactory? loggerFactory = null)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(ports);
        ArgumentException.ThrowIfNullOrEmpty(workFolder);
        var simulator = new LineSimulator(region, engine, scenario.Line, scenario.Exchange, loggerFactory);
        var result = new ScenarioSimulation(simulator);
        try
        {
            Directory.CreateDirectory(workFolder);
            foreach (var line in scenario.ExchangeLines)
            {
                var exchangeLine = simulator.Exchange.AddLine(line.Number, line.Line ?? scenario.Line);
                AddTerminal(result, $"line-{line.Number}", exchangeLine.Loop.Subscriber, line.Terminal, region, engine, workFolder);
            }

            foreach (var port in ports.OrderBy(p => p.Index))
            {
                var settings = scenario.FindPort(port.Index);
                var model = settings?.Line ?? scenario.Line;
                if (port.Type == ScenarioPortType.Fxs)
                {
                    var (fxs, loop) = simulator.AddFxsLoop(port.Label, model);
                    result.FxsPorts[port.Index] = fxs;
                    var terminal = settings is null ? new SimulatedTerminalScenario { Kind = SimulatedTerminalKind.Phone } : settings.Terminal;
                    if (terminal is not null)
                    {
                        AddTerminal(result, port.Label, loop.Subscriber, terminal, region, engine, workFolder);
                    }
                }
                else
                {
                    var number = settings?.Number ?? FreeNumber(simulator.Exchange);
                    result.FxoPorts[port.Index] = simulator.AddFxo(port.Label, number, line: model);
                }
            }
        }
        catch
        {
            simulator.Dispose();
            throw;
        }

        return result;
    }

    private static void AddTerminal(ScenarioSimulation result, string name, IFxoHardware line, SimulatedTerminalScenario terminal, LineRegion region, IFaxEngine engine, string workFolder)
    {
        var simulator = result.Simulator;
        if (terminal.Kind == SimulatedTerminalKind.Phone)
        {
            var phone = new VirtualPhone($"{name}-phone", line, region, engine)
            {
                AutoAnswerAfterRings = terminal.AnswerAfterRings ?? 1,
                DialOnDialTone = terminal.PhoneDials,
            };
            simulator.AddTerminal(phone);
            simulator.Own(phone);
            result.Phones[name] = phone;
            return;
        }

        string? send = null;
        string? receive = null;
        if (terminal.Direction == FaxDirection.Send)
        {
            send = terminal.Document;
            if (send is null)
            {
                send = Path.Combine(workFolder, $"{name}-test-page.tif");
                TestPageGenerator.Write(send, new TestPageOptions { Pages = terminal.TestPages });
            }
        }
        else
        {
            var folder = Path.GetFullPath(terminal.ReceiveFolder!, workFolder);
            Directory.CreateDirectory(folder);
            receive = FreeFile(folder, name);
        }

        var machine = new VirtualFaxMachine(name, line, region, engine, new VirtualFaxMachineOptions
        {
            Direction = terminal.Direction,
            SendFile = send,
            ReceiveFile = receive,
            LocalIdent = terminal.Ident,
            Ecm = terminal.Ecm,
            DialMethod = terminal.DialMethod,
            AnswerAfterRings = terminal.AnswerAfterRings ?? 2,

            // A dense generated test page takes about 2 minutes at 14400 bit/s: let long documents finish.
            Watchdog = terminal.Direction == FaxDirection.Send
                ? TimeSpan.FromMinutes(Math.Max(10, 3 * terminal.TestPages))
                : TimeSpan.FromHours(1),
        }, Microsoft.Extensions.Logging.LoggerFactoryExtensions.CreateLogger<VirtualFaxMachine>(simulator.Loggers));
        if (terminal.Direction == FaxDirection.Send)
        {
            simulator.AddTerminal(new ScheduledFaxCall(machine, terminal.To!, terminal.At));
        }

        simulator.AddTerminal(machine);
        simulator.Own(machine);
        result.FaxMachines[name] = machine;
    }

    private static string FreeFile(string folder, string name)
    {
        for (var n = 1; n < 10000; n++)
        {
            var path = Path.Combine(folder, $"{name}-{n:D4}.tif");
            if (!File.Exists(path))
            {
                return path;
            }
        }

        throw new IOException($"{folder}: no free file name {name}-NNNN.tif left (9999 received faxes); empty the folder");
    }

    private static string FreeNumber(VirtualExchange exchange)
    {
        for (var n = FirstDefaultNumber; ; n++)
        {
            var number = n.ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (!exchange.Lines.Any(l => l.Number.StartsWith(number, StringComparison.Ordinal) || number.StartsWith(l.Number, StringComparison.Ordinal)))
            {
                return number;
            }
        }
    }
}
