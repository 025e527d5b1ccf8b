using FaxBox.Admin.Logs;
using FaxBox.Host.Cli;
using FaxBox.Host.Hosting;
using Microsoft.Extensions.Logging;

namespace FaxBox.Host.Tests.Hosting;

/// <summary>
/// <c>faxbox run</c>'s console level: faxbox.json's <c>logLevel</c>, applied live, unless <c>--log-level</c> was given;
/// the admin site's log ring keeps its own minimum whatever the console's level.
/// </summary>
public sealed class LogLevelSwitchTests
{
    [Fact]
    public void The_console_follows_the_switch_and_the_log_ring_keeps_its_minimum()
    {
        var ring = new LogRing();
        var console = new LogLevelSwitch(LogLevel.Warning);
        using var loggers = GlobalOptions.CreateLoggerFactory(console, new LogRingProvider(ring, LogLevel.Information));
        var logger = loggers.CreateLogger("test");

        Assert.True(logger.IsEnabled(LogLevel.Information)); // the ring wants it
        Assert.False(logger.IsEnabled(LogLevel.Debug));
        console.Level = LogLevel.Debug; // logLevel: "debug" saved while running
        Assert.True(logger.IsEnabled(LogLevel.Debug));
        console.Level = LogLevel.Error;
        Assert.False(logger.IsEnabled(LogLevel.Debug));
        Assert.True(logger.IsEnabled(LogLevel.Information));
    }

    [Theory]
    [InlineData(LogLevel.Information, "FaxBox.CallControl.Gateway", LogLevel.Information, true)]
    [InlineData(LogLevel.Information, "Microsoft.Hosting.Lifetime", LogLevel.Information, false)]
    [InlineData(LogLevel.Information, "Microsoft.AspNetCore.Server.Kestrel", LogLevel.Warning, true)]
    [InlineData(LogLevel.Debug, "Microsoft.Hosting.Lifetime", LogLevel.Information, true)]
    [InlineData(LogLevel.Warning, "FaxBox.CallControl.Gateway", LogLevel.Information, false)]
    public void The_console_leaves_out_aspnet_information_unless_debugging(LogLevel level, string category, LogLevel message, bool shown) =>
        Assert.Equal(shown, GlobalOptions.ConsoleShows(level, category, message));

    [Theory]
    [InlineData(new[] { "run" }, false)]
    [InlineData(new[] { "run", "--log-level", "Debug" }, true)]
    [InlineData(new[] { "--log-level", "Error", "run" }, true)]
    public void Only_a_log_level_written_on_the_command_line_overrides_the_configuration(string[] args, bool given)
    {
        var parse = FaxBoxCommandLine.Create().Parse(args);

        Assert.Empty(parse.Errors);
        Assert.Equal(given, GlobalOptions.LogLevelGiven(parse));
    }
}
