using System.Text.Json;
using System.Text.Json.Nodes;
using FaxBox.Fax;
using FaxBox.LineInterface.Hardware.Boards;
using FaxBox.LineInterface.Simulated.Scenarios;
using FaxBox.Testing;

namespace FaxBox.LineInterface.Hardware.Tests.Boards;

public sealed class BoardProfileLoaderTests
{
    private static string BoardFile(string name) => Path.Combine(TestPaths.Repository, "board-config", name);

    /// <summary>The reference HAT's file with one edit applied, parsed under the name "faxhat-edited.json".</summary>
    private static BoardLoadResult ParseEditedHat(Action<JsonObject> edit)
    {
        var node = JsonNode.Parse(File.ReadAllText(BoardFile("faxhat-rpi.json")), documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip })!.AsObject();
        edit(node);
        return BoardProfileLoader.Parse(node.ToJsonString(), "faxhat-edited.json");
    }

    private static BoardConfigurationError SingleError(BoardLoadResult result)
    {
        Assert.False(result.Succeeded);
        Assert.Null(result.Profile);
        return Assert.Single(result.Errors);
    }

    [Fact]
    public void Simulator_board_is_two_simulated_ports()
    {
        var board = BoardProfileLoader.LoadOrThrow(BoardFile("simulator.json"));

        Assert.Equal("simulator", board.Name);
        Assert.Equal(BoardKind.Simulator, board.Kind);
        Assert.Null(board.Audio);
        Assert.Collection(board.Ports,
            p => Assert.Equal((0, BoardPortType.Fxs, BoardPart.Simulated, "fxs0"), (p.Index, p.Type, p.Part, p.Label)),
            p => Assert.Equal((1, BoardPortType.Fxo, BoardPart.Simulated, "fxo1"), (p.Index, p.Type, p.Part, p.Label)));
        Assert.All(board.Ports, p => Assert.Null(p.Spi));
    }

    [Fact]
    public void Embedded_simulator_board_is_the_file_in_board_config()
    {
        var embedded = BoardProfileLoader.LoadEmbeddedSimulator();
        var file = BoardProfileLoader.LoadOrThrow(BoardFile("simulator.json"));

        Assert.Equal(BoardProfileLoader.EmbeddedSimulatorSource, embedded.Source);
        Assert.Equal(file.Name, embedded.Name);
        Assert.Equal(file.Ports.Select(p => (p.Index, p.Type, p.Part, p.Label)), embedded.Ports.Select(p => (p.Index, p.Type, p.Part, p.Label)));
    }

    [Fact]
    public void Reference_hat_binds_every_wire()
    {
        var board = BoardProfileLoader.LoadOrThrow(BoardFile("faxhat-rpi.json"));

        Assert.Equal(BoardKind.Hardware, board.Kind);
        Assert.Equal(("hw:CARD=faxhat,DEV=0", 2, 4, 2), (board.Audio!.Device, board.Audio.Channels, board.Audio.BufferPeriods, board.Audio.StartPeriods));
        Assert.Equal((0, 24, 25, true, TimeSpan.FromSeconds(10)), (board.Gpio!.Chip, board.Gpio.StatusLedPin, board.Gpio.FactoryResetPin, board.Gpio.FactoryResetActiveLow, board.Gpio.FactoryResetHold));
        var fxs = board.FindPort(0)!;
        Assert.Equal((BoardPortType.Fxs, BoardPart.Si3215, "SPI0.0", 1_000_000, 17, 27, 0), (fxs.Type, fxs.Part, fxs.Spi!.DisplayName, fxs.Spi.ClockFrequency, fxs.ResetPin, fxs.InterruptPin, fxs.PcmChannel));
        var fxo = board.FindPort(1)!;
        Assert.Equal((BoardPortType.Fxo, BoardPart.Si3050, "Si3019", "SPI0.1", 22, 23, 1), (fxo.Type, fxo.Part, fxo.LineSidePart, fxo.Spi!.DisplayName, fxo.ResetPin, fxo.InterruptPin, fxo.PcmChannel));
        Assert.Null(board.FindPort(2));
        var settings = fxs.Spi.ToConnectionSettings(System.Device.Spi.SpiMode.Mode3, 8);
        Assert.Equal((0, 0, 1_000_000, System.Device.Spi.SpiMode.Mode3), (settings.BusId, settings.ChipSelectLine, settings.ClockFrequency, settings.Mode));
    }

    [Fact]
    public void Misspelt_key_is_named_with_a_suggestion()
    {
        var result = ParseEditedHat(board =>
        {
            var spi = board["ports"]![0]!["spi"]!.AsObject();
            spi.Remove("chipSelect");
            spi["chipselect"] = 0;
        });

        Assert.False(result.Succeeded);
        Assert.Contains(result.Errors, e => e is { File: "faxhat-edited.json", Key: "ports[0].spi.chipselect" } && e.Reason.Contains("did you mean \"chipSelect\"", StringComparison.Ordinal));
        Assert.Contains(result.Errors, e => e is { Key: "ports[0].spi.chipSelect", Reason: "missing" });
    }

    [Fact]
    public void Unknown_key_without_a_near_match_lists_the_known_keys()
    {
        var error = SingleError(ParseEditedHat(board => board["colour"] = "green"));

        Assert.Equal("colour", error.Key);
        Assert.Contains("known here: $schema, name, description, kind, ports", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Error_text_names_file_key_and_reason()
    {
        var result = ParseEditedHat(board => board["ports"]![1]!["interruptPin"] = "23");

        var error = SingleError(result);
        Assert.Equal("faxhat-edited.json: ports[1].interruptPin: must be a whole number from 0 to 1023, found the string \"23\"", error.ToString());
        var thrown = Assert.Throws<BoardConfigurationException>(result.GetProfileOrThrow);
        Assert.Contains(error.ToString(), thrown.Message, StringComparison.Ordinal);
        Assert.Same(result.Errors, thrown.Errors);
    }

    [Fact]
    public void Missing_file_is_an_error_not_an_exception()
    {
        using var folder = TestPaths.NewTempFolder();
        var path = folder.File("nope.json");

        var error = SingleError(BoardProfileLoader.Load(path));

        Assert.Equal((path, "(file)"), (error.File, error.Key));
        Assert.StartsWith("not found", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Syntax_error_gives_line_and_byte()
    {
        using var folder = TestPaths.NewTempFolder();
        var path = folder.File("broken.json");
        File.WriteAllText(path, "{\n  \"name\": \"x\",\n  \"kind\": hardware\n}\n");

        var error = SingleError(BoardProfileLoader.Load(path));

        Assert.Equal(path, error.File);
        Assert.StartsWith("line 3, byte ", error.Key, StringComparison.Ordinal);
        Assert.StartsWith("not valid JSON", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Enum_values_are_case_sensitive_and_say_so()
    {
        var error = SingleError(ParseEditedHat(board => board["ports"]![0]!["part"] = "si3215"));

        Assert.Equal("ports[0].part", error.Key);
        Assert.Contains("values are case-sensitive: \"Si3215\"", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Part_must_fit_the_port_type()
    {
        var error = SingleError(ParseEditedHat(board => board["ports"]![0]!["part"] = "Si3050"));

        Assert.Equal("ports[0].part", error.Key);
        Assert.Contains("cannot drive an FXS port", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Duplicate_wiring_names_the_earlier_user()
    {
        var result = ParseEditedHat(board =>
        {
            board["ports"]![1]!["spi"]!["chipSelect"] = 0;
            board["ports"]![1]!["pcmChannel"] = 0;
            board["ports"]![1]!["index"] = 0;
        });

        Assert.Equal(
            ["ports[1].index: 0 is already used by ports[0]", "ports[1].spi: SPI0.0 is already used by ports[0]", "ports[1].pcmChannel: 0 is already used by ports[0]"],
            result.Errors.Select(e => $"{e.Key}: {e.Reason}"));
    }

    [Fact]
    public void One_gpio_line_cannot_have_two_roles_but_a_shared_reset_is_fine()
    {
        var clash = SingleError(ParseEditedHat(board => board["ports"]![0]!["interruptPin"] = 24));
        Assert.Equal(("ports[0].interruptPin", "GPIO 24 is already used as gpio.statusLedPin"), (clash.Key, clash.Reason));

        var shared = ParseEditedHat(board => board["ports"]![1]!["resetPin"] = 17);
        Assert.True(shared.Succeeded, string.Join("; ", shared.Errors));
    }

    [Fact]
    public void Hardware_board_needs_audio_and_wiring()
    {
        var result = ParseEditedHat(board =>
        {
            board.Remove("audio");
            board["ports"]![0]!.AsObject().Remove("resetPin");
        });

        Assert.Equal(["audio", "ports[0].resetPin"], result.Errors.Select(e => e.Key));
    }

    [Fact]
    public void Pcm_channel_must_exist_on_the_link()
    {
        var error = SingleError(ParseEditedHat(board => board["audio"]!["channels"] = 1));

        Assert.Equal("ports[1].pcmChannel", error.Key);
        Assert.Contains("outside the link's 1 channel(s)", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Simulator_board_rejects_wiring()
    {
        var json = """{ "name": "s", "kind": "simulator", "ports": [ { "index": 0, "type": "fxs", "part": "simulated", "spi": { "bus": 0, "chipSelect": 0 } } ] }""";

        var error = SingleError(BoardProfileLoader.Parse(json, "s.json"));

        Assert.Equal("ports[0].spi", error.Key);
    }

    [Fact]
    public void Default_simulator_board_puts_a_sending_fax_machine_on_the_fxs_port()
    {
        var board = BoardProfileLoader.LoadOrThrow(BoardFile("simulator.json"));
        var scenario = board.Scenario!;

        var fxs = scenario.FindPort(0)!;
        Assert.Equal(SimulatedTerminalKind.FaxMachine, fxs.Terminal!.Kind);
        Assert.Equal(FaxDirection.Send, fxs.Terminal.Direction);
        Assert.Null(fxs.Terminal.Document);
        Assert.Equal("200", fxs.Terminal.To);
        Assert.Equal(TimeSpan.FromSeconds(5), fxs.Terminal.At);
        Assert.Equal("100", scenario.FindPort(1)!.Number);
        var remote = Assert.Single(scenario.ExchangeLines);
        Assert.Equal(("200", FaxDirection.Receive, "simulator/received"), (remote.Number, remote.Terminal.Direction, remote.Terminal.ReceiveFolder));
        Assert.Equal((-3, -65, 20), (scenario.Line.GainDb, scenario.Line.NoiseDbm0, scenario.Line.EchoReturnLossDb));
        Assert.Equal(BoardProfileLoader.LoadEmbeddedSimulator().Scenario!.Ports.Count, scenario.Ports.Count);
    }

    [Fact]
    public void Simulator_board_without_simulation_gets_the_default_scenario()
    {
        var json = """{ "name": "s", "kind": "simulator", "ports": [ { "index": 0, "type": "fxs", "part": "simulated" } ] }""";

        var board = BoardProfileLoader.Parse(json, "s.json").GetProfileOrThrow();

        Assert.Empty(board.Scenario!.Ports);
        Assert.Equal(0, board.Scenario.Line.ClockOffsetPpm);
    }

    [Fact]
    public void Send_document_is_resolved_against_the_board_file_folder()
    {
        using var folder = TestPaths.NewTempFolder();
        File.WriteAllBytes(folder.File("page.tif"), [0x49, 0x49, 0x2A, 0x00]);
        var path = folder.File("board.json");
        File.WriteAllText(path, """
            { "name": "s", "kind": "simulator", "ports": [ { "index": 0, "type": "fxs", "part": "simulated" } ],
              "simulation": { "ports": [ { "port": 0, "terminal": { "type": "faxMachine", "dialling": "pulse", "send": { "document": "page.tif", "to": "412", "atSeconds": 1.5 } } } ] } }
            """);

        var terminal = BoardProfileLoader.LoadOrThrow(path).Scenario!.FindPort(0)!.Terminal!;

        Assert.Equal(folder.File("page.tif"), terminal.Document);
        Assert.Equal((DialMethod.Pulse, TimeSpan.FromSeconds(1.5)), (terminal.DialMethod, terminal.At));
    }

    [Theory]
    [InlineData("""{ "ports": [ { "port": 5 } ] }""", "simulation.ports[0].port", "the board has no port 5 (ports: 0, 1)")]
    [InlineData("""{ "ports": [ { "port": 1, "terminal": { "type": "phone" } } ] }""", "simulation.ports[0].terminal", "port 1 is an FXO port")]
    [InlineData("""{ "ports": [ { "port": 0, "number": "100" } ] }""", "simulation.ports[0].number", "port 0 is an FXS port")]
    [InlineData("""{ "ports": [ { "port": 0 }, { "port": 0 } ] }""", "simulation.ports[1].port", "already described by simulation.ports[0]")]
    [InlineData("""{ "ports": [ { "port": 0, "terminal": { "type": "faxMachine" } } ] }""", "simulation.ports[0].terminal", "needs \"send\"")]
    [InlineData("""{ "ports": [ { "port": 0, "terminal": { "type": "faxMachine", "send": { "to": "1" }, "receive": { "folder": "x" } } } ] }""", "simulation.ports[0].terminal", "not both")]
    [InlineData("""{ "ports": [ { "port": 0, "terminal": { "type": "fax" } } ] }""", "simulation.ports[0].terminal.type", "\"fax\" is not one of \"phone\", \"faxMachine\"")]
    [InlineData("""{ "ports": [ { "port": 0, "terminal": { "type": "faxMachine", "send": { "to": "12a" } } } ] }""", "simulation.ports[0].terminal.send.to", "must be 1 to 32 of 0-9")]
    [InlineData("""{ "ports": [ { "port": 0, "terminal": { "type": "faxMachine", "send": { } } } ] }""", "simulation.ports[0].terminal.send.to", "missing")]
    [InlineData("""{ "ports": [ { "port": 0, "terminal": { "type": "faxMachine", "send": { "to": "1", "document": "no-such.tif" } } } ] }""", "simulation.ports[0].terminal.send.document", "\"no-such.tif\" not found")]
    [InlineData("""{ "ports": [ { "port": 0, "terminal": { "type": "phone", "ident": "X" } } ] }""", "simulation.ports[0].terminal.ident", "only a fax machine has ident")]
    [InlineData("""{ "ports": [ { "port": 0, "terminal": { "type": "faxMachine", "receive": { "folder": "in" }, "answerAfterRings": 0 } } ] }""", "simulation.ports[0].terminal.answerAfterRings", "0 is out of range (1 to 20)")]
    [InlineData("""{ "line": { "clockOffsetPpm": 5000 } }""", "simulation.line.clockOffsetPpm", "5000 is out of range (-1000 to 1000)")]
    [InlineData("""{ "line": { "gainDB": -3 } }""", "simulation.line.gainDB", "unknown key; did you mean \"gainDb\"?")]
    [InlineData("""{ "line": { "noiseDbm0": "loud" } }""", "simulation.line.noiseDbm0", "must be a number from -90 to -10 or null")]
    [InlineData("""{ "exchange": { "disconnect": "hangup" } }""", "simulation.exchange.disconnect", "\"hangup\" is not one of")]
    [InlineData("""{ "exchange": { "lines": [ { "number": "200", "terminal": { "type": "phone" } } ] }, "ports": [ { "port": 1, "number": "20" } ] }""", "simulation.ports[0].number", "one is a prefix of the other")]
    [InlineData("""{ "exchange": { "lines": [ { "number": "2OO", "terminal": { "type": "phone" } } ] } }""", "simulation.exchange.lines[0].number", "must be 1 to 15 digits")]
    [InlineData("""{ "exchange": { "lines": [ { "number": "200" } ] } }""", "simulation.exchange.lines[0].terminal", "missing")]
    [InlineData("""{ "ports": { "port": 0 } }""", "simulation.ports", "must be an array")]
    public void Broken_simulation_names_file_key_and_reason(string simulation, string key, string reason)
    {
        var json = $$"""{ "name": "s", "kind": "simulator", "ports": [ { "index": 0, "type": "fxs", "part": "simulated" }, { "index": 1, "type": "fxo", "part": "simulated" } ], "simulation": {{simulation}} }""";

        var error = SingleError(BoardProfileLoader.Parse(json, "laptop.json"));

        Assert.Equal("laptop.json", error.File);
        Assert.Equal(key, error.Key);
        Assert.Contains(reason, error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Broken_simulation_lists_every_error_in_one_pass()
    {
        var json = """{ "name": "s", "kind": "simulator", "ports": [ { "index": 0, "type": "fxs", "part": "simulated" } ], "simulation": { "line": { "gainDb": 99 }, "ports": [ { "port": 3 } ], "extra": 1 } }""";

        var result = BoardProfileLoader.Parse(json, "s.json");

        Assert.Equal(["simulation.extra", "simulation.line.gainDb", "simulation.ports[0].port"], result.Errors.Select(e => e.Key));
    }

    [Fact]
    public void Hardware_board_with_simulation_is_refused()
    {
        var error = SingleError(ParseEditedHat(hat => hat["simulation"] = new JsonObject()));

        Assert.Equal("simulation", error.Key);
        Assert.Contains("only simulator boards", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_error_is_reported_in_one_pass()
    {
        var json = """{ "name": "", "kind": "hardwired", "ports": [] }""";

        var result = BoardProfileLoader.Parse(json, "bad.json");

        Assert.Equal(["name", "kind", "ports"], result.Errors.Select(e => e.Key));
    }

    [Fact]
    public void Schema_lists_exactly_the_keys_the_loader_reads()
    {
        using var schema = JsonDocument.Parse(File.ReadAllText(BoardFile("board.schema.json")));
        var root = schema.RootElement;
        var port = root.GetProperty("$defs").GetProperty("port");

        static string[] Keys(JsonElement obj) => [.. obj.GetProperty("properties").EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal)];
        static string[] Sorted(string[] keys) => [.. keys.Order(StringComparer.Ordinal)];

        Assert.Equal(Sorted(BoardJsonReader.RootKeys), Keys(root));
        Assert.Equal(Sorted(BoardJsonReader.PortKeys), Keys(port));
        Assert.Equal(Sorted(BoardJsonReader.SpiKeys), Keys(port.GetProperty("properties").GetProperty("spi")));
        Assert.Equal(Sorted(BoardJsonReader.AudioKeys), Keys(root.GetProperty("properties").GetProperty("audio")));
        Assert.Equal(Sorted(BoardJsonReader.GpioKeys), Keys(root.GetProperty("properties").GetProperty("gpio")));
    }

    [Theory]
    [InlineData("chipselect", "chipSelect")]
    [InlineData("interuptPin", "interruptPin")]
    [InlineData("zzzzzz", null)]
    public void Closest_key_suggestion(string typed, string? expected)
        => Assert.Equal(expected, FaxBox.Core.Json.JsonDiagnostics.Closest(typed, [.. BoardJsonReader.PortKeys, .. BoardJsonReader.SpiKeys]));
}
