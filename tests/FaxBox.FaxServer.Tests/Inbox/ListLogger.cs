using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace FaxBox.FaxServer.Tests.Inbox;

/// <summary>A logger that keeps every line, to assert what the box says (and that it says no document content).</summary>
internal sealed class ListLogger : ILogger<FaxBox.FaxServer.Inbox.Inbox>
{
    public ConcurrentQueue<(LogLevel Level, EventId Id, string Text)> Lines { get; } = new();

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        Lines.Enqueue((logLevel, eventId, formatter(state, exception)));
}
