using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace FaxBox.Admin.Tests.Infrastructure;

/// <summary>Loggers of every category that add each message (level, event id, text) to one queue.</summary>
internal sealed class ListLoggerProvider(ConcurrentQueue<(LogLevel Level, EventId Id, string Text)> lines) : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => new ListLogger(lines);

    public void Dispose()
    {
    }

    private sealed class ListLogger(ConcurrentQueue<(LogLevel Level, EventId Id, string Text)> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            lines.Enqueue((logLevel, eventId, formatter(state, exception)));
    }
}
