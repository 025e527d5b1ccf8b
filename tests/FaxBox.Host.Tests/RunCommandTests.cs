using System.Net;
using System.Net.Sockets;
using FaxBox.Host.Configuration;

namespace FaxBox.Host.Tests;

/// <summary><c>faxbox run</c>: validation before anything starts, and the appliance itself in real time.</summary>
public sealed class RunCommandTests
{
    [Fact]
    public void A_broken_board_file_stops_the_box_with_every_error_naming_file_and_key()
    {
        using var folder = TestPaths.NewTempFolder();
        var file = folder.File("board.json");
        File.WriteAllText(file, """
            { "name": "x", "kind": "simulator",
              "ports": [ { "index": 0, "type": "fxq", "part": "simulated", "label": "a" },
                         { "index": 1, "type": "fxo", "part": "simulated", "label": "b", "colour": "red" } ] }
            """);

        var (exit, output, error) = CommandLineRunner.Run("run", "--board", file);

        Assert.Equal(1, exit);
        var lines = error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Contains(lines, l => l.StartsWith($"faxbox: {file}: ports[0].type", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith($"faxbox: {file}: ports[1].colour", StringComparison.Ordinal));
        Assert.DoesNotContain("readiness", output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_configuration_the_gateway_rejects_stops_the_box_with_its_key()
    {
        using var folder = TestPaths.NewTempFolder();
        var file = folder.File("faxbox.json");
        File.WriteAllText(file, """{ "sip": { "accounts": [ { "name": "a", "username": "fax", "port": 0 } ] }, "media": { "portMin": 40001 }, "ports": [] }""");

        var (exit, _, error) = CommandLineRunner.Run("run", "--config", file);

        Assert.Equal(1, exit);
        Assert.Contains("media.portMin", error, StringComparison.Ordinal);
    }

    /// <summary>
    /// The built-in configuration on the simulator board, in real time: the fax machine on FXS 0 dials 200 at 5 s, the
    /// call hairpins through the box's own SIP account out of the FXO line to the virtual exchange's fax machine, and the
    /// fax is relayed over T.38 by the box's two call legs (about two minutes for the dense test page).
    /// </summary>
    [Fact]
    public void The_box_runs_the_simulator_board_and_relays_its_fax_over_T38_in_real_time()
    {
        using var folder = TestPaths.NewTempFolder();
        int port;
        using (var probe = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp))
        {
            probe.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            port = ((IPEndPoint)probe.LocalEndPoint!).Port;
        }

        var json = FaxBoxConfiguration.EmbeddedDefaultText()
            .Replace("\"port\": 5060", $"\"port\": {port}", StringComparison.Ordinal)
            .Replace("127.0.0.1:5060", $"127.0.0.1:{port}", StringComparison.Ordinal)
            .Replace("http://127.0.0.1:8080", "http://127.0.0.1:0", StringComparison.Ordinal)
            .Replace("\"~/.local/share/faxbox\"", $"\"{folder.Path}\"", StringComparison.Ordinal);
        var file = folder.File("faxbox.json");
        File.WriteAllText(file, json);

        var (exit, output, error) = CommandLineRunner.Run("run", "--config", file, "--for", "00:02:50");

        Assert.True(exit == 0, error);
        Assert.Contains("faxbox: ready", output, StringComparison.Ordinal);
        var faxes = output.Split('\n').Where(l => l.StartsWith("faxbox: fax ", StringComparison.Ordinal)).ToList();
        Assert.True(faxes.Count == 2, output);
        Assert.All(faxes, l => Assert.Contains("ok, 1 page(s), 14400 bit/s, ECM on, T.38", l, StringComparison.Ordinal));
        Assert.Contains(faxes, l => l.Contains("on fxo1", StringComparison.Ordinal) && l.Contains("box re-INVITE on Ced", StringComparison.Ordinal));
        Assert.Single(Directory.GetFiles(Path.Combine(folder.Path, "simulator", "received"), "*.tif"));
        Assert.EndsWith("faxbox: stopped", output.TrimEnd(), StringComparison.Ordinal);
    }
}
