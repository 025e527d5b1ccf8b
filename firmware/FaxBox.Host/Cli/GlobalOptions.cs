using System.CommandLine;
using Microsoft.Extensions.Logging;

namespace FaxBox.Host.Cli;

/// <summary>Options every verb accepts.</summary>
internal static class GlobalOptions
{
    public static readonly Option<LogLevel> LogLevel = new("--log-level")
    {
        Description = "Log level for the console: Trace, Debug, Information, Warning (default), Error, None.",
        DefaultValueFactory = _ => Microsoft.Extensions.Logging.LogLevel.Warning,
        Recursive = true,
    };

    public static ILoggerFactory CreateLoggerFactory(ParseResult parse) => CreateLoggerFactory(parse, null);

    /// <summary>
    /// The console at <c>--log-level</c>, and <paramref name="ring"/> (the admin site's log view) from its own minimum
    /// up, whatever the console's level.
    /// </summary>
    public static ILoggerFactory CreateLoggerFactory(ParseResult parse, FaxBox.Admin.Logs.LogRingProvider? ring)
    {
        var level = parse.GetValue(LogLevel);
        if (ring is null)
        {
            return LoggerFactory.Create(b => b
                .SetMinimumLevel(level)
                .AddSimpleConsole(o => { o.SingleLine = true; o.TimestampFormat = "HH:mm:ss.fff "; })
                .AddFilter((_, l) => l >= level));
        }

        return LoggerFactory.Create(b => b
            .SetMinimumLevel((Microsoft.Extensions.Logging.LogLevel)Math.Min((int)level, (int)ring.Minimum))
            .AddSimpleConsole(o => { o.SingleLine = true; o.TimestampFormat = "HH:mm:ss.fff "; })
            .AddFilter<Microsoft.Extensions.Logging.Console.ConsoleLoggerProvider>((_, l) => l >= level)
            .AddProvider(ring));
    }

    /// <summary>Prints a one-line error as <c>faxbox: …</c> and returns the failure exit code.</summary>
    public static int Fail(ParseResult parse, string message)
    {
        parse.InvocationConfiguration.Error.WriteLine($"faxbox: {message}");
        return 1;
    }
}
