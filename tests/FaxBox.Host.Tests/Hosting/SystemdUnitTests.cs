using System.Diagnostics;
using FaxBox.Host.Cli;

namespace FaxBox.Host.Tests.Hosting;

/// <summary>tools/faxbox.service: the unit systemd runs the box with, checked by systemd's own verifier.</summary>
public sealed class SystemdUnitTests
{
    private static readonly string UnitPath = Path.Combine(TestPaths.Repository, "tools", "faxbox.service");

    [Fact]
    public void The_unit_is_a_notify_service_with_a_30_s_watchdog_and_reload_by_SIGHUP()
    {
        var directives = Directives();

        Assert.Equal("notify", directives["Type"]);
        Assert.Equal("30", directives["WatchdogSec"]);
        Assert.Equal("/bin/kill -HUP $MAINPID", directives["ExecReload"]);
        Assert.Equal("SIGTERM", directives["KillSignal"]);
        Assert.Equal("/usr/bin/faxbox run --config /etc/faxbox/faxbox.json", directives["ExecStart"]);
    }

    [Fact]
    public void The_pre_start_check_is_a_verb_the_command_line_has()
    {
        var pre = Directives()["ExecStartPre"].Split(' ');
        Assert.Equal("/usr/bin/faxbox", pre[0]);

        var parse = FaxBoxCommandLine.Create().Parse(pre[1..]);

        Assert.Empty(parse.Errors);
        Assert.Equal("check", parse.CommandResult.Command.Name);
    }

    [Fact]
    public async Task Systemd_analyze_verify_finds_nothing_wrong()
    {
        // The binary is not installed here: point the unit at a real executable so that only the unit itself is judged.
        using var folder = TestPaths.NewTempFolder();
        var unit = folder.File("faxbox.service");
        File.WriteAllText(unit, File.ReadAllText(UnitPath).Replace("/usr/bin/faxbox", "/bin/true", StringComparison.Ordinal));
        var start = new ProcessStartInfo("systemd-analyze", ["verify", unit]) { RedirectStandardOutput = true, RedirectStandardError = true };

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await process.WaitForExitAsync(timeout.Token);

        Assert.Equal(0, process.ExitCode);
        Assert.Equal(string.Empty, await stdout + await stderr);
    }

    private static Dictionary<string, string> Directives()
    {
        var directives = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in File.ReadAllLines(UnitPath))
        {
            var eq = line.IndexOf('=', StringComparison.Ordinal);
            if (line.Length > 0 && line[0] is not ('#' or '[') && eq > 0)
            {
                Assert.True(directives.TryAdd(line[..eq], line[(eq + 1)..]), $"{line[..eq]} set twice");
            }
        }

        return directives;
    }
}
