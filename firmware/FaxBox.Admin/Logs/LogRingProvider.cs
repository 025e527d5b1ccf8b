using Microsoft.Extensions.Logging;

namespace FaxBox.Admin.Logs;

/// <summary>
/// An <see cref="ILoggerProvider"/> writing into a <see cref="LogRing"/>; the host adds it to the box's logger factory
/// so the admin site's log view sees what the console sees, from <see cref="Minimum"/> up whatever the console's level.
/// </summary>
public sealed class LogRingProvider(LogRing ring, LogLevel minimum = LogLevel.Information) : ILoggerProvider
{
    /// <summary>The ring written to.</summary>
    public LogRing Ring { get; } = ring ?? throw new ArgumentNullException(nameof(ring));

    /// <summary>The lowest level kept. Default <see cref="LogLevel.Information"/>.</summary>
    public LogLevel Minimum { get; } = minimum;

    public ILogger CreateLogger(string categoryName) => new RingLogger(this, categoryName);

    public void Dispose()
    {
        // Nothing to release: the ring outlives the provider (the site may show it until the process ends).
    }

    private sealed class RingLogger(LogRingProvider provider, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None && logLevel >= provider.Minimum;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel))
            {
                return;
            }

            var message = formatter(state, exception);
            if (exception is not null)
            {
                message = $"{message} ({exception.GetType().Name}: {exception.Message})";
            }

            provider.Ring.Add(logLevel, category, eventId.Id, message);
        }
    }
}
