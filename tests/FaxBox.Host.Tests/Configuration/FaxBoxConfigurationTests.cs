using System.Net;
using System.Text.Json.Nodes;
using FaxBox.CallControl.Configuration;
using FaxBox.Host.Configuration;
using FaxBox.LineInterface.Hardware.Boards;
using Microsoft.Extensions.Logging;
using static FaxBox.Host.Tests.Configuration.ConfigurationSamples;

namespace FaxBox.Host.Tests.Configuration;

/// <summary><see cref="FaxBoxConfiguration"/>: binding faxbox.json, and an error naming file, key and reason for each thing wrong.</summary>
public sealed class FaxBoxConfigurationTests
{
    [Fact]
    public void The_embedded_default_is_the_simulator_with_one_local_account_and_both_ports()
    {
        var config = FaxBoxConfiguration.LoadEmbeddedDefault();

        Assert.Equal(FaxBoxConfiguration.EmbeddedDefaultSource, config.Source);
        Assert.Equal("simulator", config.Board);
        Assert.Null(config.BoardPath);
        Assert.Equal(BoardKind.Simulator, config.BoardProfile.Kind);
        Assert.Equal("native", config.Engine);
        Assert.Equal(LogLevel.Information, config.LogLevel);
        var account = Assert.Single(config.Gateway.Accounts);
        Assert.Equal(("local", false, 5060), (account.Name, account.Register, account.Port));
        Assert.Equal(IPAddress.Loopback, account.ListenAddress);
        Assert.Equal("127.0.0.1:5060", account.Target);
        Assert.Equal(2, config.Gateway.Ports.Count);
        Assert.Equal((0, "local", "201"), (config.Gateway.Ports[0].Port, config.Gateway.Ports[0].Account, config.Gateway.Ports[0].Number));
        Assert.Equal(BoardPortType.Fxs, config.BoardProfile.FindPort(0)!.Type);
        Assert.Equal((1, "201"), (config.Gateway.Ports[1].Port, config.Gateway.Ports[1].InboundDestination));
        Assert.Equal(BoardPortType.Fxo, config.BoardProfile.FindPort(1)!.Type);
        Assert.EndsWith(Path.Combine(".local", "share", "faxbox"), config.DataFolder, StringComparison.Ordinal);
        Assert.True(Path.IsPathFullyQualified(config.DataFolder));
    }

    [Fact]
    public void The_embedded_defaults_annotated_values_are_the_option_classes_defaults()
    {
        // The default file documents every option with its value: it must not drift from the classes' initializers.
        var config = FaxBoxConfiguration.LoadEmbeddedDefault();
        Assert.True(ConfigurationDiff.ValueEquals(new FaxOptions(), config.Gateway.Fax), "fax section differs from FaxOptions defaults");
        Assert.True(ConfigurationDiff.ValueEquals(new DialPlanOptions(), config.Gateway.DialPlan), "dialPlan section differs from DialPlanOptions defaults");
        Assert.True(ConfigurationDiff.ValueEquals(new MediaOptions(), config.Gateway.Media), "media section differs from MediaOptions defaults");
        Assert.Equal(new GatewayOptions().SipT1, config.Gateway.SipT1);
    }

    [Fact]
    public void The_running_box_puts_its_terminal_calls_on_their_own_thread_unless_the_file_says_otherwise()
    {
        Assert.True(Valid(Minimal).Gateway.Terminal.OwnThread);
        Assert.True(FaxBoxConfiguration.LoadEmbeddedDefault().Gateway.Terminal.OwnThread);
        Assert.False(Valid(With(root => root["terminal"] = new JsonObject { ["ownThread"] = false })).Gateway.Terminal.OwnThread);
        Assert.Equal("terminal.ownThread", Single(With(root => root["terminal"] = new JsonObject { ["ownThread"] = "yes" })).Key);
    }

    [Fact]
    public void Comments_and_trailing_commas_are_allowed_and_omitted_sections_keep_their_defaults()
    {
        var config = Valid("""
            // a comment
            {
              /* block */ "sip": { "accounts": [ { "name": "trunk", "username": "fax", }, ], },
              "ports": [ { "port": 0, "account": "trunk", }, ],
            }
            """);

        Assert.Equal("faxbox", config.Name);
        Assert.Equal(T38Initiation.OnCedOrPreamble, config.Gateway.Fax.T38);
        Assert.Equal(TimeSpan.FromSeconds(4), config.Gateway.DialPlan.InterDigitTimeout);
    }

    [Fact]
    public void Every_value_kind_binds_from_its_json_form()
    {
        var config = Valid(With(root =>
        {
            root["name"] = "office";
            root["logLevel"] = "debug";
            root["sip"]!["t1"] = "250ms";
            var account = root["sip"]!["accounts"]![0]!.AsObject();
            account["listenAddress"] = "::1";
            account["port"] = 5070;
            account["register"] = true;
            account["domain"] = "pbx.example.net";
            account["password"] = "secret";
            account["transport"] = "udp";
            root["media"] = new JsonObject { ["address"] = "192.0.2.10", ["codecs"] = new JsonArray(8) };
            root["fax"] = new JsonObject { ["t38"] = "accept-only", ["detectWindow"] = "2m", ["t38Timeout"] = 12.5, ["g711JitterBuffer"] = "0.15s" };
            root["dialPlan"] = new JsonObject { ["patterns"] = new JsonArray("9x.", "1xx"), ["hotline"] = "100" };
        }));

        Assert.Equal("office", config.Name);
        Assert.Equal("office", config.Gateway.Name);
        Assert.Equal(LogLevel.Debug, config.LogLevel);
        Assert.Equal(TimeSpan.FromMilliseconds(250), config.Gateway.SipT1);
        var account = config.Gateway.Accounts[0];
        Assert.Equal(IPAddress.IPv6Loopback, account.ListenAddress);
        Assert.Equal((5070, true, "pbx.example.net", "secret"), (account.Port, account.Register, account.Domain, account.Password));
        Assert.Equal(IPAddress.Parse("192.0.2.10"), config.Gateway.Media.Address);
        Assert.Equal([8], config.Gateway.Media.Codecs);
        Assert.Equal(T38Initiation.AcceptOnly, config.Gateway.Fax.T38);
        Assert.Equal(TimeSpan.FromMinutes(2), config.Gateway.Fax.DetectWindow);
        Assert.Equal(TimeSpan.FromSeconds(12.5), config.Gateway.Fax.T38Timeout);
        Assert.Equal(TimeSpan.FromMilliseconds(150), config.Gateway.Fax.G711JitterBuffer);
        Assert.Equal(["9x.", "1xx"], config.Gateway.DialPlan.Patterns);
        Assert.Equal("100", config.Gateway.DialPlan.Hotline);
    }

    [Fact]
    public void A_ports_fax_and_dial_plan_start_from_the_gateway_wide_sections()
    {
        var config = Valid(With(root =>
        {
            root["fax"] = new JsonObject { ["imageRedundancy"] = 5 };
            root["dialPlan"] = new JsonObject { ["maxDigits"] = 12 };
            root["ports"]![0]!["fax"] = new JsonObject { ["t38"] = "never" };
            root["ports"]![0]!["dialPlan"] = new JsonObject { ["hashSends"] = false };
        }));

        var port = config.Gateway.Ports[0];
        Assert.Equal(T38Initiation.Never, port.Fax!.T38);
        Assert.Equal(5, port.Fax.ImageRedundancy);
        Assert.False(port.DialPlan!.HashSends);
        Assert.Equal(12, port.DialPlan.MaxDigits);
        Assert.Equal(T38Initiation.OnCedOrPreamble, config.Gateway.Fax.T38);
        Assert.True(config.Gateway.DialPlan.HashSends);
        Assert.Null(config.Gateway.Ports[1].Fax);
    }

    [Fact]
    public void A_json_syntax_error_gives_line_and_column()
    {
        var error = Single("{\n  \"name\": \"x\",\n  \"sip\": { \"accounts\": [ } \n}");

        Assert.Equal("line 3, column 26", error.Key);
        Assert.StartsWith("not valid JSON: ", error.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain("LineNumber", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void The_syntax_error_column_counts_characters_not_utf8_bytes()
    {
        // "ü" and "€" are 2 and 3 bytes in UTF-8; the column is where an editor shows the cursor.
        var error = Single("{ \"name\": \"Müller€\" \"x\": 1 }");

        Assert.Equal("line 1, column 21", error.Key);
    }

    [Theory]
    [InlineData("port", "\"5060\"", "sip.accounts[0].port", "must be a whole number, found the string \"5060\"")]
    [InlineData("port", "50.5", "sip.accounts[0].port", "must be a whole number, found the number 50.5")]
    [InlineData("register", "\"yes\"", "sip.accounts[0].register", "must be true or false, found the string \"yes\"")]
    [InlineData("username", "42", "sip.accounts[0].username", "must be a string, found the number 42")]
    [InlineData("listenAddress", "\"10\"", "sip.accounts[0].listenAddress", "must be an IP address")]
    [InlineData("listenAddress", "\"256.1.1.1\"", "sip.accounts[0].listenAddress", "must be an IP address")]
    [InlineData("transport", "\"sctp\"", "sip.accounts[0].transport", "'sctp' is not one of udp, tcp, tls")]
    [InlineData("name", "null", "sip.accounts[0].name", "must not be null")]
    public void A_wrong_account_value_names_its_key_and_says_what_is_expected(string key, string value, string expectedKey, string expectedReason)
    {
        var error = Single(With(root => root["sip"]!["accounts"]![0]![key] = JsonNode.Parse(value)));

        Assert.Equal(expectedKey, error.Key);
        Assert.StartsWith(expectedReason, error.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("fax", "t38", "\"sometimes\"", "fax.t38", "'sometimes' is not one of never, on-cng, on-ced-or-preamble, accept-only")]
    [InlineData("fax", "t38", "\"OnCng\"", "fax.t38", "'OnCng' is not one of never, on-cng, on-ced-or-preamble, accept-only (values are lower-case with dashes: 'on-cng')")]
    [InlineData("fax", "detectWindow", "\"5 parsecs\"", "fax.detectWindow", "must be a duration like \"5s\", \"150ms\", \"2m\" or a number of seconds (0 to 24h), found the string \"5 parsecs\"")]
    [InlineData("fax", "detectWindow", "-3", "fax.detectWindow", "must be a duration")]
    [InlineData("fax", "ecm", "1", "fax.ecm", "must be true or false, found the number 1")]
    [InlineData("media", "address", "\"lan0\"", "media.address", "must be an IP address")]
    [InlineData("media", "codecs", "0", "media.codecs", "must be an array, found the number 0")]
    [InlineData("media", "codecs", "[0, \"pcma\"]", "media.codecs[1]", "must be a whole number, found the string \"pcma\"")]
    [InlineData("media", "simulatedLossPercent", "\"5%\"", "media.simulatedLossPercent", "must be a number, found the string \"5%\"")]
    [InlineData("media", "simulatedLossPercent", "60", "media.simulatedLossPercent", "must be 0 to 50")]
    [InlineData("dialPlan", "patterns", "\"x.\"", "dialPlan.patterns", "must be an array, found the string \"x.\"")]
    [InlineData("dialPlan", "interDigitTimeout", "true", "dialPlan.interDigitTimeout", "must be a duration")]
    public void A_wrong_section_value_names_its_key_and_says_what_is_expected(string section, string key, string value, string expectedKey, string expectedReason)
    {
        var error = Single(With(root => root[section] = new JsonObject { [key] = JsonNode.Parse(value) }));

        Assert.Equal(expectedKey, error.Key);
        Assert.StartsWith(expectedReason, error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_wrong_value_in_a_ports_override_names_the_port()
    {
        var error = Single(With(root => root["ports"]![1]!["fax"] = new JsonObject { ["t38"] = "sometimes" }));

        Assert.Equal("faxbox.json: ports[1].fax.t38: 'sometimes' is not one of never, on-cng, on-ced-or-preamble, accept-only", error.ToString());
    }

    [Theory]
    [InlineData("logLevel", "\"loud\"", "logLevel", "'loud' is not one of trace, debug, information, warning, error, critical, none")]
    [InlineData("engine", "\"managed\"", "engine", "'managed' is not one of native")]
    [InlineData("name", "7", "name", "must be a string, found the number 7")]
    [InlineData("sip", "[]", "sip", "must be an object")]
    [InlineData("ports", "{}", "ports", "must be an array, found an object")]
    [InlineData("dataFolder", "\"\"", "dataFolder", "must not be empty")]
    public void A_wrong_root_value_names_its_key(string key, string value, string expectedKey, string expectedReason)
    {
        var error = Single(With(root => root[key] = JsonNode.Parse(value)));

        Assert.Equal(expectedKey, error.Key);
        Assert.StartsWith(expectedReason, error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_keys_are_errors_with_a_suggestion_when_one_is_near()
    {
        var errors = Errors(With(root =>
        {
            root["engin"] = "native";
            root["fax"] = new JsonObject { ["T38"] = "never", ["colour"] = "red" };
            root["ports"]![0]!["numbr"] = "202";
        }));

        Assert.Contains(errors, e => e.Key == "engin" && e.Reason == "unknown key; did you mean 'engine'?");
        Assert.Contains(errors, e => e.Key == "fax.T38" && e.Reason == "unknown key; did you mean 't38'?");
        Assert.Contains(errors, e => e.Key == "fax.colour" && e.Reason.StartsWith("unknown key (known here: t38, detectWindow,", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Key == "ports[0].numbr" && e.Reason == "unknown key; did you mean 'number'?");
        Assert.Equal(4, errors.Count);
    }

    [Fact]
    public void A_key_given_twice_is_an_error()
    {
        var error = Single(Minimal.Replace("\"number\": \"201\"", "\"number\": \"201\", \"number\": \"202\"", StringComparison.Ordinal));

        Assert.Equal(("ports[0].number", "appears twice in the same object"), (error.Key, error.Reason));
    }

    [Fact]
    public void Every_error_in_the_file_is_reported_not_only_the_first()
    {
        var errors = Errors(With(root =>
        {
            root["logLevel"] = "loud";
            root["sip"]!["accounts"]![0]!["port"] = "x";
            root["ports"]![0]!["port"] = 9;
            root["ports"]![1]!["fax"] = new JsonObject { ["t38"] = "sometimes" };
        }));

        Assert.Equal(["logLevel", "sip.accounts[0].port", "ports[1].fax.t38", "ports[0].port"], errors.Select(e => e.Key));
    }

    [Fact]
    public void A_port_the_board_does_not_have_is_an_error_listing_the_boards_ports()
    {
        var error = Single(With(root => root["ports"]![1]!["port"] = 4));

        Assert.Equal("ports[1].port", error.Key);
        Assert.Equal("the board 'simulator' has no port 4 (its ports: 0 (FXS), 1 (FXO))", error.Reason);
    }

    [Fact]
    public void An_inbound_destination_on_an_fxs_port_is_an_error()
    {
        var error = Single(With(root => root["ports"]![0]!["inboundDestination"] = "300"));

        Assert.Equal("ports[0].inboundDestination", error.Key);
        Assert.Contains("FXS", error.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ports", "[ { \"port\": 0, \"account\": \"nobody\" } ]", "ports[0].account", "'nobody' is not one of the SIP accounts (trunk)")]
    [InlineData("ports", "[ { \"port\": 0, \"account\": \"trunk\" }, { \"port\": 0, \"account\": \"trunk\" } ]", "ports[1].port", "port 0 is configured twice")]
    [InlineData("ports", "[ { \"account\": \"trunk\" } ]", "ports[0].port", "is required (the board's port index)")]
    [InlineData("name", "\" \"", "name", "is required")]
    [InlineData("media", "{ \"portMin\": 40001 }", "media.portMin", "must be an even port from 1024 to 65534")]
    [InlineData("fax", "{ \"t38Timeout\": \"1m\" }", "fax.t38Timeout", "must be between 0 and 32 s")]
    [InlineData("dialPlan", "{ \"interDigitTimeout\": \"100ms\" }", "dialPlan.interDigitTimeout", "must be 0.5 to 30 s")]
    [InlineData("sip", "{ \"accounts\": [] }", "sip.accounts", "at least one SIP account is required")]
    [InlineData("sip", "{ \"accounts\": [ { \"name\": \"trunk\", \"username\": \"fax\", \"register\": true } ] }", "sip.accounts[0].domain", "is required when register is true")]
    public void The_gateways_own_checks_are_reported_with_their_key(string key, string value, string expectedKey, string expectedReason)
    {
        var error = Single(With(root => root[key] = JsonNode.Parse(value)));

        Assert.Equal((expectedKey, expectedReason), (error.Key, error.Reason));
    }

    [Fact]
    public void A_missing_sip_section_is_an_error()
    {
        var error = Single(With(root => root.Remove("sip")));

        Assert.Equal("sip", error.Key);
        Assert.StartsWith("missing", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_board_file_is_found_relative_to_the_configuration_file()
    {
        using var folder = TestPaths.NewTempFolder();
        Directory.CreateDirectory(Path.Combine(folder.Path, "boards"));
        File.Copy(Path.Combine(TestPaths.Repository, "board-config", "faxhat-rpi.json"), Path.Combine(folder.Path, "boards", "hat.json"));
        var file = folder.File("faxbox.json");
        File.WriteAllText(file, With(root =>
        {
            root["board"] = "boards/hat.json";
            root["dataFolder"] = "data";
        }));

        var config = FaxBoxConfiguration.Load(file).GetOrThrow();

        Assert.Equal(Path.Combine(folder.Path, "boards", "hat.json"), config.BoardPath);
        Assert.Equal(BoardKind.Hardware, config.BoardProfile.Kind);
        Assert.Equal(Path.Combine(folder.Path, "data"), config.DataFolder);
        Assert.Equal(file, config.Source);
    }

    [Fact]
    public void A_missing_board_file_is_an_error_on_the_board_key()
    {
        using var folder = TestPaths.NewTempFolder();
        var file = folder.File("faxbox.json");
        File.WriteAllText(file, With(root => root["board"] = "nowhere.json"));

        var error = Assert.Single(FaxBoxConfiguration.Load(file).Errors);

        Assert.Equal((file, "board"), (error.File, error.Key));
        Assert.Contains(Path.Combine(folder.Path, "nowhere.json"), error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_broken_board_files_errors_name_the_board_file()
    {
        using var folder = TestPaths.NewTempFolder();
        var board = folder.File("board.json");
        File.WriteAllText(board, """{ "name": "b", "kind": "simulator", "ports": [ { "index": 0, "type": "fxq", "part": "simulated" } ] }""");
        var file = folder.File("faxbox.json");
        File.WriteAllText(file, With(root => root["board"] = "board.json"));

        var errors = FaxBoxConfiguration.Load(file).Errors;

        Assert.Contains(errors, e => e.File == board && e.Key == "ports[0].type");
    }

    [Fact]
    public void A_missing_file_says_so_with_its_full_path()
    {
        using var folder = TestPaths.NewTempFolder();
        var file = folder.File("absent.json");

        var error = Assert.Single(FaxBoxConfiguration.Load(file).Errors);

        Assert.Equal($"{file}: (file): not found (full path {file})", error.ToString());
    }

    [Fact]
    public void GetOrThrow_lists_every_error_in_the_exception()
    {
        var result = FaxBoxConfiguration.Parse(With(root => { root["logLevel"] = "loud"; root["engine"] = "x"; }), Source);

        var e = Assert.Throws<FaxBoxConfigurationException>(result.GetOrThrow);

        Assert.Equal(2, e.Errors.Count);
        Assert.Contains("faxbox.json: logLevel: 'loud'", e.Message, StringComparison.Ordinal);
        Assert.Contains("faxbox.json: engine: 'x'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_root_that_is_not_an_object_is_an_error()
    {
        var error = Single("[1, 2]");

        Assert.Equal(("$", "a configuration file is a JSON object, found an array"), (error.Key, error.Reason));
    }
}
