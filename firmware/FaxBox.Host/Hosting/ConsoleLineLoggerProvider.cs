using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using Microsoft.Extensions.Logging;

namespace FaxBox.Host.Hosting;

/// <summary>
/// <c>faxbox run</c>'s console log: one line per message, the same text as Microsoft.Extensions.Logging's simple console
/// formatter in single-line mode with the box's timestamp (<c>HH:mm:ss.fff info: Category[event] message</c>, the
/// exception on the same line, the level coloured on a terminal), written by a thread of its own so that a logging
/// thread (the media thread among them) never waits for the console.
/// <para>
/// Why not the console logger: it comes with the dependency-injection container, options and configuration binding
/// (Microsoft.Extensions.DependencyInjection, Options.ConfigurationExtensions, Configuration, Logging.Configuration and
/// Logging.Console, and the generic types they instantiate): 2.5 MiB of an idle box's 66 (issue 7, measured with smaps).
/// The admin site's ASP.NET Core pipeline, built on first connection, still uses them.
/// </para>
/// <para>
/// Lines wait in a queue of <see cref="Capacity"/>; when the console cannot keep up, new lines are dropped (never
/// blocking the caller) and a line saying how many were dropped follows once there is room again.
/// </para>
/// </summary>
internal sealed class ConsoleLineLoggerProvider : ILoggerProvider
{
    /// <summary>Lines waiting for the console at most (the console logger's default queue length was 2500).</summary>
    public const int Capacity = 2500;

    private readonly TextWriter _output;
    private readonly Func<string, LogLevel, bool> _shows;
    private readonly TimeProvider _time;
    private readonly bool _colors;
    private readonly BlockingCollection<string> _queue = new(Capacity);
    private readonly Thread _writer;
    private long _dropped;

    /// <summary>
    /// Writes to <paramref name="output"/> the messages <paramref name="shows"/> (category, level) lets through, stamped
    /// with <paramref name="time"/>'s local time; <paramref name="colors"/> colours the level with ANSI escapes.
    /// </summary>
    public ConsoleLineLoggerProvider(TextWriter output, Func<string, LogLevel, bool> shows, TimeProvider time, bool colors)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(shows);
        ArgumentNullException.ThrowIfNull(time);
        _output = output;
        _shows = shows;
        _time = time;
        _colors = colors;
        _writer = new Thread(WriteLines) { IsBackground = true, Name = "Console logger" };
        _writer.Start();
    }

    /// <summary>Lines dropped because the queue was full (diagnostics and tests).</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <inheritdoc/>
    public ILogger CreateLogger(string categoryName) => new LineLogger(this, categoryName);

    /// <summary>Writes what is queued, then stops the writer (at most 1.5 s, as the console logger did).</summary>
    public void Dispose()
    {
        _queue.CompleteAdding();
        _writer.Join(TimeSpan.FromMilliseconds(1500));
    }

    /// <summary>The line for one message, without the newline: the simple console formatter's single-line layout.</summary>
    internal static string Format(DateTimeOffset time, LogLevel level, string category, int eventId, string message, Exception? exception, bool colors)
    {
        var line = new StringBuilder(64 + category.Length + message.Length);
        line.Append(time.ToString("HH:mm:ss.fff ", CultureInfo.InvariantCulture));
        var (name, foreground, background) = Level(level);
        if (colors)
        {
            line.Append(background).Append(foreground).Append(name).Append("\u001b[39m\u001b[22m\u001b[49m");
        }
        else
        {
            line.Append(name);
        }

        line.Append(": ").Append(category).Append('[').Append(eventId.ToString(CultureInfo.InvariantCulture)).Append(']');
        AppendSingleLine(line, message);
        if (exception is not null)
        {
            AppendSingleLine(line, exception.ToString());
        }

        return line.ToString();
    }

    private static void AppendSingleLine(StringBuilder line, string text)
    {
        if (text.Length == 0)
        {
            return;
        }

        line.Append(' ').Append(text.Replace(Environment.NewLine, " ", StringComparison.Ordinal));
    }

    /// <summary>The level's four letters and ANSI colours (foreground, background) the console formatter used.</summary>
    private static (string Name, string Foreground, string Background) Level(LogLevel level) => level switch
    {
        LogLevel.Trace => ("trce", "\u001b[37m", "\u001b[40m"),
        LogLevel.Debug => ("dbug", "\u001b[37m", "\u001b[40m"),
        LogLevel.Information => ("info", "\u001b[32m", "\u001b[40m"),
        LogLevel.Warning => ("warn", "\u001b[1m\u001b[33m", "\u001b[40m"),
        LogLevel.Error => ("fail", "\u001b[30m", "\u001b[41m"),
        LogLevel.Critical => ("crit", "\u001b[1m\u001b[37m", "\u001b[41m"),
        _ => (level.ToString(), "", ""),
    };

    private void Enqueue(string line)
    {
        if (!_queue.IsAddingCompleted && _queue.TryAdd(line))
        {
            return;
        }

        Interlocked.Increment(ref _dropped);
    }

    private void WriteLines()
    {
        long reported = 0;
        foreach (var line in _queue.GetConsumingEnumerable())
        {
            var dropped = Interlocked.Read(ref _dropped);
            if (dropped != reported)
            {
                _output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"faxbox: {dropped - reported} log line(s) dropped: the console did not keep up"));
                reported = dropped;
            }

            _output.WriteLine(line);
            if (_queue.Count == 0)
            {
                _output.Flush();
            }
        }

        _output.Flush();
    }

    private sealed class LineLogger(ConsoleLineLoggerProvider provider, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None && provider._shows(category, logLevel);

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            ArgumentNullException.ThrowIfNull(formatter);
            if (!IsEnabled(logLevel))
            {
                return;
            }

            var message = formatter(state, exception);
            if (string.IsNullOrEmpty(message) && exception is null)
            {
                return;
            }

            provider.Enqueue(Format(provider._time.GetLocalNow(), logLevel, category, eventId.Id, message ?? "", exception, provider._colors));
        }
    }
}
