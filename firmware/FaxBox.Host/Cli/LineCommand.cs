using System.CommandLine;
using FaxBox.Core;
using FaxBox.Fax;
using FaxBox.LineInterface;
using FaxBox.LineInterface.Hardware;
using FaxBox.LineInterface.Hardware.Boards;
using FaxBox.LineInterface.Ports;
using FaxBox.LineInterface.Regions;
using FaxBox.LineInterface.SelfTest;
using FaxBox.LineInterface.Simulated;

namespace FaxBox.Host.Cli;

/// <summary><c>faxbox line</c>: the analog line interface; <c>faxbox line test</c> self-tests the ports of a board.</summary>
internal static class LineCommand
{
    public static Command Create()
    {
        var line = new Command("line", "Analog line ports (FXS and FXO): port self-test.");
        line.Subcommands.Add(CreateTest());
        return line;
    }

    private static Command CreateTest()
    {
        var board = new Option<FileInfo>("--board") { Description = "Board file (board-config/*.json).", Required = true };
        var port = new Option<int?>("--port") { Description = "Test only this port index (default: every port of the board)." };
        var region = new Option<string>("--region") { Description = "Line region: US, UK, DE, FR, IT, NL, AU or JP.", DefaultValueFactory = _ => "US" };
        var engine = new Option<string>("--engine") { Description = "Fax engine for DTMF and caller ID: native.", DefaultValueFactory = _ => "native" };
        var command = new Command(
            "test",
            "Self-test line ports. FXS: the line is idle, the phone rings with caller ID and is answered, dial tone plays, the digits dialled are reported. " +
            "FXO: seize, dial tone, one DTMF digit stops it, the loop holds. On the simulator board virtual terminals answer and dial (in simulated time); " +
            "on a hardware board a person answers the FXS phone and dials. Exit code 0 only when every check passes.")
        {
            board, port, region, engine,
        };

        command.SetAction(async (parse, cancellationToken) =>
        {
            var stdout = parse.InvocationConfiguration.Output;
            try
            {
                if (BoardFile.Load(parse, parse.GetValue(board)!) is not { } profile)
                {
                    return 1;
                }

                var lineRegion = LineRegions.BuiltIn.Get(parse.GetValue(region)!);
                var ports = Select(profile, parse.GetValue(port));
                using var loggerFactory = GlobalOptions.CreateLoggerFactory(parse);
                var faxEngine = EngineFactory.Create(parse.GetValue(engine)!, loggerFactory);
                stdout.WriteLine($"board {profile}, region {lineRegion.Code} ({lineRegion.Name})");
                var passed = profile.Kind == BoardKind.Simulator
                    ? RunSimulated(ports, profile.Scenario?.Line, lineRegion, faxEngine, stdout)
                    : await RunHardwareAsync(profile, ports, lineRegion, faxEngine, stdout, cancellationToken).ConfigureAwait(false);
                stdout.WriteLine(passed ? "PASS" : "FAIL");
                return passed ? 0 : 2;
            }
            catch (Exception e) when (e is ArgumentException or IOException or UnauthorizedAccessException or FaxEngineUnavailableException or BoardConfigurationException or InvalidDataException)
            {
                return GlobalOptions.Fail(parse, e.Message);
            }
        });
        return command;
    }

    private static List<BoardPortProfile> Select(BoardProfile profile, int? index)
    {
        if (index is not { } i)
        {
            return [.. profile.Ports];
        }

        return profile.FindPort(i) is { } p
            ? [p]
            : throw new ArgumentException($"{profile.Source}: board \"{profile.Name}\" has no port {i} (ports: {string.Join(", ", profile.Ports.Select(x => x.Index))})");
    }

    private static bool RunSimulated(List<BoardPortProfile> ports, LineModelOptions? line, LineRegion region, IFaxEngine engine, TextWriter stdout)
    {
        var all = true;
        foreach (var p in ports)
        {
            using var simulator = new LineSimulator(region, engine, line);
            PortSelfTest test = p.Type == BoardPortType.Fxs
                ? new FxsSelfTest(simulator.AddFxs(p.Label).Port)
                : new FxoSelfTest(simulator.AddFxo(p.Label));
            simulator.AddAfterPorts(test);
            stdout.WriteLine($"{p} on the simulator:");
            test.FindingMade += (_, f) => stdout.WriteLine(FormattableString.Invariant($"  [{simulator.Now.TotalSeconds,6:0.00} s] {f}"));
            if (!simulator.RunUntil(() => test.IsComplete, TimeSpan.FromMinutes(2)))
            {
                stdout.WriteLine("  FAIL the self-test did not finish within 2 minutes of simulated time");
            }

            all &= test.Passed;
        }

        return all;
    }

    private static async Task<bool> RunHardwareAsync(BoardProfile profile, List<BoardPortProfile> ports, LineRegion region, IFaxEngine engine, TextWriter stdout, CancellationToken cancellationToken)
    {
        await using var board = await HardwareBoard.OpenAsync(profile, region.Code, region.Ring.FrequencyHz, cancellationToken: cancellationToken).ConfigureAwait(false);
        var all = true;
        foreach (var p in ports)
        {
            IMediaTickHandler portHandler;
            PortSelfTest test;
            IDisposable owned;
            if (p.Type == BoardPortType.Fxs)
            {
                var fxs = new FxsPort(p.Label, board.Fxs[p.Index], region, engine);
                (portHandler, test, owned) = (fxs, new FxsSelfTest(fxs), fxs);
                stdout.WriteLine($"{p}: pick up the phone when it rings, then dial a few digits");
            }
            else
            {
                var fxo = new FxoPort(p.Label, board.Fxo[p.Index], region, engine);
                (portHandler, test, owned) = (fxo, new FxoSelfTest(fxo), fxo);
                stdout.WriteLine($"{p}:");
            }

            using (owned)
            {
                test.FindingMade += (_, f) => stdout.WriteLine($"  {f}");

                // Real time: one tick per 20 ms from a periodic timer (the product's media scheduler lives in FaxBox.Media).
                using var timer = new PeriodicTimer(AudioFrame.Duration);
                long index = 0;
                var limit = TimeSpan.FromMinutes(2) / AudioFrame.Duration;
                while (!test.IsComplete && index < limit && await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
                {
                    var tick = new MediaTick(index++, AudioFrame.Duration * index, TimeSpan.Zero);
                    portHandler.OnTick(tick);
                    test.OnTick(tick);
                }
            }

            all &= test.Passed;
        }

        return all;
    }
}
