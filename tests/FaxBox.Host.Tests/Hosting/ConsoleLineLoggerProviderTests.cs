using FaxBox.Host.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;

namespace FaxBox.Host.Tests.Hosting;

/// <summary>
/// <see cref="ConsoleLineLoggerProvider"/>: <c>faxbox run</c>'s console lines are the ones Microsoft.Extensions.Logging's
/// simple console formatter (single line, "HH:mm:ss.fff ") wrote, without its container; the writer never blocks a logger.
/// </summary>
public sealed class ConsoleLineLoggerProviderTests
{
    private const int StampLength = 13; // "HH:mm:ss.fff "

    public static TheoryData<LogLevel, bool, bool> Cases()
    {
        var data = new TheoryData<LogLevel, bool, bool>();
        foreach (var level in new[] { LogLevel.Trace, LogLevel.Debug, LogLevel.Information, LogLevel.Warning, LogLevel.Error, LogLevel.Critical })
        {
            foreach (var colors in new[] { false, true })
            {
                data.Add(level, colors, false);
                data.Add(level, colors, true);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void A_line_is_the_simple_console_formatters_single_line(LogLevel level, bool colors, bool withException)
    {
        Exception? exception = null;
        if (withException)
        {
            try
            {
                throw new InvalidOperationException("broken\nacross lines");
            }
            catch (InvalidOperationException e)
            {
                exception = e;
            }
        }

        const string Message = "SIP account local listening on 127.0.0.1:5060\nsecond line";
        var expected = Reference(level, "FaxBox.CallControl.Gateway", 8040, Message, exception, colors);
        var now = new DateTimeOffset(2026, 11, 24, 21, 33, 2, 729, TimeSpan.FromHours(1));

        var line = ConsoleLineLoggerProvider.Format(now, level, "FaxBox.CallControl.Gateway", 8040, Message, exception, colors);

        Assert.Equal("21:33:02.729 ", line[..StampLength]);
        Assert.Equal(expected[StampLength..], line[StampLength..]);
    }

    [Fact]
    public void Lines_come_out_in_order_through_the_filter_and_all_are_written_by_dispose()
    {
        var output = new StringWriter();
        var level = new LogLevelSwitch(LogLevel.Information);
        var provider = new ConsoleLineLoggerProvider(output, (category, l) => l >= level.Level && category != "hidden", TimeProvider.System, colors: false);
        var logger = provider.CreateLogger("FaxBox.Test");
        var hidden = provider.CreateLogger("hidden");

        for (var i = 0; i < 100; i++)
        {
            logger.Log(LogLevel.Information, new EventId(i), $"message {i}", null, (s, _) => s);
        }

        hidden.LogWarning("not shown");
        logger.LogDebug("not shown either");
        level.Level = LogLevel.Debug;
        Assert.True(logger.IsEnabled(LogLevel.Debug));
        logger.LogDebug("shown now");
        provider.Dispose();

        var lines = output.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(101, lines.Length);
        for (var i = 0; i < 100; i++)
        {
            Assert.EndsWith($" info: FaxBox.Test[{i}] message {i}", lines[i], StringComparison.Ordinal);
        }

        Assert.EndsWith(" dbug: FaxBox.Test[0] shown now", lines[100], StringComparison.Ordinal);
        Assert.Equal(0, provider.Dropped);
    }

    [Fact]
    public void A_console_that_does_not_keep_up_drops_lines_instead_of_blocking_and_says_how_many()
    {
        using var release = new ManualResetEventSlim();
        var output = new BlockingWriter(release);
        var provider = new ConsoleLineLoggerProvider(output, (_, _) => true, TimeProvider.System, colors: false);
        var logger = provider.CreateLogger("c");

        logger.LogInformation("first"); // taken by the writer, which then blocks on the console
        Assert.True(output.Writing.Wait(TimeSpan.FromSeconds(10)));
        var extra = 25;
        for (var i = 0; i < ConsoleLineLoggerProvider.Capacity + extra; i++)
        {
            logger.LogInformation("queued"); // returns at once, full queue or not
        }

        Assert.Equal(extra, provider.Dropped);
        release.Set();
        provider.Dispose();

        var text = output.ToString();
        Assert.Contains($"faxbox: {extra} log line(s) dropped: the console did not keep up", text, StringComparison.Ordinal);
        Assert.Equal(ConsoleLineLoggerProvider.Capacity + 1, text.Split(" info: c[0] ").Length - 1);
    }

    /// <summary>The simple console formatter's text for the same entry (its own timestamp).</summary>
    private static string Reference(LogLevel level, string category, int eventId, string message, Exception? exception, bool colors)
    {
        var services = new ServiceCollection();
        services.AddLogging(b => b.AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.TimestampFormat = "HH:mm:ss.fff ";
            o.ColorBehavior = colors ? LoggerColorBehavior.Enabled : LoggerColorBehavior.Disabled;
        }));
        using var provider = services.BuildServiceProvider();
        var formatter = provider.GetServices<ConsoleFormatter>().Single(f => f.Name == ConsoleFormatterNames.Simple);
        var writer = new StringWriter();
        var entry = new LogEntry<string>(level, category, new EventId(eventId), message, exception, (s, _) => s);
        formatter.Write(in entry, new LoggerExternalScopeProvider(), writer);
        return writer.ToString().TrimEnd('\r', '\n');
    }

    private sealed class BlockingWriter(ManualResetEventSlim release) : StringWriter
    {
        public ManualResetEventSlim Writing { get; } = new();

        public override void WriteLine(string? value)
        {
            Writing.Set();
            Assert.True(release.Wait(TimeSpan.FromSeconds(30)));
            base.WriteLine(value);
        }
    }
}
