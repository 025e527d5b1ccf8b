using System.Text.Json;
using FaxBox.Fax.Documents;
using FaxBox.LineInterface.Regions;
using FaxBox.LineInterface.Simulated;
using FaxBox.LineInterface.Simulated.Scenarios;
using FaxBox.Testing;

namespace FaxBox.LineInterface.Tests.Simulated.Scenarios;

public sealed class SimulationScenarioTests
{
    private static readonly Dictionary<int, ScenarioPortType> TwoPorts = new() { [0] = ScenarioPortType.Fxs, [1] = ScenarioPortType.Fxo };

    private static readonly SimulatedPortSpec[] TwoPortSpecs = [new(0, ScenarioPortType.Fxs, "fxs0"), new(1, ScenarioPortType.Fxo, "fxo1")];

    private static SimulationScenario Parse(string json, string baseDirectory, IReadOnlyDictionary<int, ScenarioPortType>? ports = null)
    {
        using var document = JsonDocument.Parse(json);
        var scenario = SimulationScenarioParser.Parse(document.RootElement, "simulation", ports ?? TwoPorts, baseDirectory, out var errors);
        Assert.True(errors.Count == 0, string.Join(Environment.NewLine, errors));
        return scenario!;
    }

    [Fact]
    public void Fax_machines_on_two_exchange_lines_send_a_test_page_at_the_given_time()
    {
        using var folder = TestPaths.NewTempFolder();
        var scenario = Parse("""
            { "line": { "gainDb": -4, "noiseDbm0": -60 },
              "exchange": { "lines": [
                { "number": "300", "terminal": { "type": "faxMachine", "ident": "SENDER", "send": { "to": "200", "atSeconds": 2 } } },
                { "number": "200", "terminal": { "type": "faxMachine", "receive": { "folder": "in" } } } ] } }
            """, folder.Path, new Dictionary<int, ScenarioPortType>());

        using var run = SimulationScenarioBuilder.Build(scenario, [], LineRegions.BuiltIn.Get("DE"), Engine.Native, folder.Path);
        var sender = run.FaxMachines["line-300"];
        var receiver = run.FaxMachines["line-200"];
        Assert.False(run.Simulator.RunUntil(() => sender.State != VirtualFaxState.Idle, TimeSpan.FromSeconds(1.9)));
        Assert.True(run.Simulator.RunUntil(() => sender.State != VirtualFaxState.Idle, TimeSpan.FromSeconds(0.2)));
        Assert.True(run.Simulator.RunUntil(() => sender.State == VirtualFaxState.Finished && receiver.State == VirtualFaxState.Finished, TimeSpan.FromMinutes(4)),
            $"sender {sender.State}, receiver {receiver.State}");

        Assert.True(sender.Result!.Success, sender.Result.T30Text);
        Assert.True(receiver.Result!.Success, receiver.Result.T30Text);
        var received = Path.Combine(folder.Path, "in", "line-200-0001.tif");
        var comparison = FaxDocumentComparer.Compare(folder.File("line-300-test-page.tif"), received);
        Assert.True(comparison.Identical, comparison.ToString());
    }

    [Fact]
    public void Fax_machine_on_the_fxs_port_dials_the_configured_number_through_the_port()
    {
        using var folder = TestPaths.NewTempFolder();
        var scenario = Parse("""
            { "ports": [ { "port": 0, "terminal": { "type": "faxMachine", "dialling": "pulse", "send": { "to": "412", "atSeconds": 1 } } },
                         { "port": 1, "number": "555" } ] }
            """, folder.Path);

        using var run = SimulationScenarioBuilder.Build(scenario, TwoPortSpecs, LineRegions.BuiltIn.Get("UK"), Engine.Native, folder.Path);
        var port = run.FxsPorts[0];
        var dialled = string.Empty;
        var offHookAt = TimeSpan.Zero;
        port.HookChanged += (_, h) =>
        {
            if (h.State == HookState.OffHook)
            {
                offHookAt = run.Simulator.Now;
            }

            port.PlayTone(h.State == HookState.OffHook ? CallProgressTone.Dial : CallProgressTone.None);
        };
        port.DigitReceived += (_, d) => dialled += d.Digit;

        Assert.True(run.Simulator.RunUntil(() => dialled.Length == 3, TimeSpan.FromSeconds(20)), $"dialled '{dialled}'");

        Assert.Equal("412", dialled);
        Assert.InRange(offHookAt, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1.2));
        Assert.NotNull(run.Simulator.Exchange.Find("555"));
        Assert.Same(run.FxoPorts[1], run.FxoPorts.Values.Single());
    }

    [Fact]
    public void Unlisted_ports_get_a_phone_and_the_first_free_number()
    {
        using var folder = TestPaths.NewTempFolder();
        var scenario = Parse("""{ "exchange": { "lines": [ { "number": "100", "terminal": { "type": "phone" } } ] } }""", folder.Path);

        using var run = SimulationScenarioBuilder.Build(scenario, TwoPortSpecs, LineRegions.BuiltIn.Get("US"), Engine.Native, folder.Path);

        Assert.Contains("fxs0", run.Phones.Keys);
        Assert.Contains("line-100", run.Phones.Keys);
        Assert.Equal(["100", "101"], run.Simulator.Exchange.Lines.Select(l => l.Number));
    }

    [Fact]
    public void Schema_lists_exactly_the_keys_the_parser_reads()
    {
        using var schema = JsonDocument.Parse(File.ReadAllText(Path.Combine(TestPaths.Repository, "board-config", "board.schema.json")));
        var defs = schema.RootElement.GetProperty("$defs");
        var simulation = defs.GetProperty("simulation").GetProperty("properties");
        var terminal = defs.GetProperty("terminal").GetProperty("properties");

        static string[] Keys(JsonElement properties) => [.. properties.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal)];
        static string[] Sorted(IEnumerable<string> keys) => [.. keys.Order(StringComparer.Ordinal)];

        Assert.Equal(Sorted(SimulationScenarioParser.RootKeys), Keys(simulation));
        Assert.Equal(Sorted(SimulationScenarioParser.LineKeys), Keys(defs.GetProperty("simLine").GetProperty("properties")));
        Assert.Equal(Sorted(SimulationScenarioParser.ExchangeKeys), Keys(simulation.GetProperty("exchange").GetProperty("properties")));
        Assert.Equal(Sorted(SimulationScenarioParser.ExchangeLineKeys), Keys(simulation.GetProperty("exchange").GetProperty("properties").GetProperty("lines").GetProperty("items").GetProperty("properties")));
        Assert.Equal(Sorted(SimulationScenarioParser.PortKeys), Keys(simulation.GetProperty("ports").GetProperty("items").GetProperty("properties")));
        Assert.Equal(Sorted(SimulationScenarioParser.TerminalKeys), Keys(terminal));
        Assert.Equal(Sorted(SimulationScenarioParser.SendKeys), Keys(terminal.GetProperty("send").GetProperty("properties")));
        Assert.Equal(Sorted(SimulationScenarioParser.ReceiveKeys), Keys(terminal.GetProperty("receive").GetProperty("properties")));
    }
}
