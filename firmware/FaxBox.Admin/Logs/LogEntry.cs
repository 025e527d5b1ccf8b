using Microsoft.Extensions.Logging;

namespace FaxBox.Admin.Logs;

/// <summary>One log line as the log view shows it.</summary>
/// <param name="Sequence">Increases by one per entry: the log view's position.</param>
/// <param name="Time">When it was logged.</param>
/// <param name="Level">Its level.</param>
/// <param name="Category">The logger's category (the class that logged).</param>
/// <param name="EventId">Its event id (<c>LogEventIds</c> blocks).</param>
/// <param name="Message">The formatted message, cut at <see cref="LogRing.MaxMessageChars"/>; an exception adds its type and message.</param>
public sealed record LogEntry(long Sequence, DateTimeOffset Time, LogLevel Level, string Category, int EventId, string Message);
