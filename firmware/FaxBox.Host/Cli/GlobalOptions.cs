using System.CommandLine;
using Microsoft.Extensions.Logging;

namespace FaxBox.Host.Cli;

/// <summary>Options every verb accepts.</summary>
internal static class GlobalOptions
{
    public static readonly Option<LogLevel> LogLevel = new("--log-level")
    {
        Description = "Log level for the console: Trace, Debug, Information, Warning, Error, None. Default Warning; for run, faxbox.json's logLevel (applied live) unless this is given.",
        DefaultValueFactory = _ => Microsoft.Extensions.Logging.LogLevel.Warning,
        Recursive = true,
    };

    public static ILoggerFactory CreateLoggerFactory(ParseResult parse) => LoggerFactory.Create(b => AddConsole(b, parse.GetValue(LogLevel)));

    /// <summary>Whether <c>--log-level</c> was written on the command line (rather than defaulted).</summary>
    public static bool LogLevelGiven(ParseResult parse) => parse.GetResult(LogLevel) is { Implicit: false };

    /// <summary>
    /// The console at <paramref name="console"/>'s level (changeable while running), and <paramref name="ring"/> (the
    /// admin site's log view) from its own minimum up, whatever the console's level.
    /// </summary>
    /// <remarks>
    /// The console is <see cref="Hosting.ConsoleLineLoggerProvider"/> (the console logger's lines without its
    /// dependency-injection container: 2.5 MiB of an idle box), and the factory is built without one.
    /// </remarks>
    public static ILoggerFactory CreateLoggerFactory(Hosting.LogLevelSwitch console, FaxBox.Admin.Logs.LogRingProvider ring)
    {
        ArgumentNullException.ThrowIfNull(console);
        var lines = new Hosting.ConsoleLineLoggerProvider(
            Console.Out, (category, l) => ConsoleShows(console.Level, category, l), TimeProvider.System, colors: !Console.IsOutputRedirected);
        var factory = new LoggerFactory([ring], new LoggerFilterOptions { MinLevel = Microsoft.Extensions.Logging.LogLevel.Trace }); // ring: its own minimum
        factory.AddProvider(lines); // added, not given: disposing the factory disposes it, which writes out what is queued
        return factory;
    }

    /// <summary>
    /// Whether the console shows a message: at <paramref name="level"/> and above, except ASP.NET Core's own
    /// information ("Now listening on", "Application started. Press Ctrl+C", "Content root path"), which the box's
    /// lines already say better, and which appear only at Debug and below.
    /// </summary>
    internal static bool ConsoleShows(LogLevel level, string? category, LogLevel message) =>
        message >= level
        && (message >= Microsoft.Extensions.Logging.LogLevel.Warning || level <= Microsoft.Extensions.Logging.LogLevel.Debug
            || category is null || !category.StartsWith("Microsoft.", StringComparison.Ordinal));

    private static void AddConsole(ILoggingBuilder b, LogLevel level) => b
        .SetMinimumLevel(level)
        .AddSimpleConsole(o => { o.SingleLine = true; o.TimestampFormat = "HH:mm:ss.fff "; })
        .AddFilter((_, l) => l >= level);

    /// <summary>Prints a one-line error as <c>faxbox: …</c> and returns the failure exit code.</summary>
    public static int Fail(ParseResult parse, string message)
    {
        parse.InvocationConfiguration.Error.WriteLine($"faxbox: {message}");
        return 1;
    }
}
