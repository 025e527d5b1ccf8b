using System.CommandLine;

namespace FaxBox.Host.Cli;

/// <summary>
/// <c>faxbox run</c>: the appliance. Until the gateway issue wires SIP, media and line ports, it validates the board
/// file (the embedded simulator board by default) and runs the built-in fax readiness test (a gateway-to-gateway loopback) once, then exits.
/// </summary>
internal static class RunCommand
{
    public static Command Create()
    {
        var board = new Option<FileInfo?>("--board") { Description = "Board configuration (default: the embedded simulator board)." };
        var output = new Option<DirectoryInfo>("--out")
        {
            Description = "Folder for the readiness test's files.",
            DefaultValueFactory = _ => new DirectoryInfo(Path.Combine(Path.GetTempPath(), "faxbox-run")),
        };
        var command = new Command("run", "Start the box. For now: on the simulator board, run the fax readiness test (2 pages through two T.38 gateways) and report.")
        {
            board, output,
        };
        command.SetAction(parse =>
        {
            var stdout = parse.InvocationConfiguration.Output;
            if (BoardFile.Load(parse, parse.GetValue(board)) is not { } profile)
            {
                return 1;
            }

            stdout.WriteLine($"faxbox: starting on board {profile}");
            stdout.WriteLine("faxbox: SIP, line ports, MQTT and the admin page are not wired yet; running the fax readiness test");
            return FaxBoxCommandLine.Create().Parse(
            [
                "fax", "loopback", "--path", "gateway-to-gateway", "--pages", "2", "--out", parse.GetValue(output)!.FullName,
                "--log-level", parse.GetValue(GlobalOptions.LogLevel).ToString(),
            ]).Invoke(parse.InvocationConfiguration);
        });
        return command;
    }
}
