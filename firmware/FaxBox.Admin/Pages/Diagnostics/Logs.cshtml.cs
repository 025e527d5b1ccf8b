using FaxBox.Admin.Diagnostics;
using FaxBox.Admin.Logs;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Logging;

namespace FaxBox.Admin.Pages.Diagnostics;

/// <summary><c>/diagnostics/logs</c>: the box's recent log, newest first, filtered by level and text.</summary>
public sealed class LogsModel(AdminContext context) : PageModel
{
    /// <summary>The levels the filter offers.</summary>
    public static IReadOnlyList<LogLevel> Levels { get; } = [LogLevel.Trace, LogLevel.Debug, LogLevel.Information, LogLevel.Warning, LogLevel.Error, LogLevel.Critical];

    /// <summary>Whether the box gives the site its log.</summary>
    public bool Available => context.Logs is not null;

    /// <summary>The lowest level shown.</summary>
    public LogLevel Level { get; private set; } = LogLevel.Information;

    /// <summary>The text filter.</summary>
    public string? Contains { get; private set; }

    /// <summary>Why the filter was not understood.</summary>
    public string? Error { get; private set; }

    /// <summary>The entries shown.</summary>
    public IReadOnlyList<LogEntry> Entries { get; private set; } = [];

    /// <summary>The entries kept in all.</summary>
    public long Total => context.Logs?.Count ?? 0;

    public void OnGet(string? level, string? contains)
    {
        if (!DiagnosticsArea.TryLevel(level, out var minimum))
        {
            Error = $"'{level}' is not a log level";
        }

        Level = minimum;
        Contains = string.IsNullOrWhiteSpace(contains) ? null : contains.Trim();
        Entries = context.Logs?.Snapshot(Level, Contains, 500) ?? [];
    }
}
