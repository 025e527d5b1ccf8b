using Microsoft.Extensions.Logging;

namespace FaxBox.LineInterface.Tests.Logging;

/// <summary>Records every log entry written at Trace and above (event id, category, message).</summary>
internal sealed class RecordingLoggerFactory : ILoggerFactory
{
    private readonly List<(int Id, string Category, LogLevel Level, string Message)> _entries = [];

    public IReadOnlyList<(int Id, string Category, LogLevel Level, string Message)> Entries => _entries;

    public IEnumerable<int> Ids => _entries.Select(e => e.Id);

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void AddProvider(ILoggerProvider provider) => throw new NotSupportedException();

    public void Dispose()
    {
    }

    private sealed class Logger(RecordingLoggerFactory owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            => owner._entries.Add((eventId.Id, category, logLevel, formatter(state, exception)));
    }
}
