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

    public static ILoggerFactory CreateLoggerFactory(ParseResult parse)
    {
        var level = parse.GetValue(LogLevel);
        return LoggerFactory.Create(b => b
            .SetMinimumLevel(level)
            .AddSimpleConsole(o => { o.SingleLine = true; o.TimestampFormat = "HH:mm:ss.fff "; })
            .AddFilter((_, l) => l >= level));
    }

    /// <summary>Prints a one-line error as <c>faxbox: …</c> and returns the failure exit code.</summary>
    public static int Fail(ParseResult parse, string message)
    {
        parse.InvocationConfiguration.Error.WriteLine($"faxbox: {message}");
        return 1;
    }
}
