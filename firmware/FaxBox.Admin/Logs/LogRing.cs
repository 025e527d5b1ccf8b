using Microsoft.Extensions.Logging;

namespace FaxBox.Admin.Logs;

/// <summary>
/// The last <see cref="Capacity"/> log entries of the box, in memory only (an appliance's flash is not a log disk), for
/// the admin site's log view. Thread-safe; adding an entry takes a short lock and allocates the entry, so the box's
/// loggers must keep to their rule of not logging per frame. Messages are the loggers' own formatted text: the box
/// logs no document content, and the ring adds none.
/// </summary>
public sealed class LogRing
{
    /// <summary>Longer messages are cut to this many characters.</summary>
    public const int MaxMessageChars = 2000;

    private readonly LogEntry?[] _entries;
    private readonly TimeProvider _time;
    private readonly Lock _lock = new();
    private long _next;

    /// <summary>A ring of <paramref name="capacity"/> entries (default 2000) timed by <paramref name="time"/>.</summary>
    public LogRing(int capacity = 2000, TimeProvider? time = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _entries = new LogEntry?[capacity];
        _time = time ?? TimeProvider.System;
    }

    /// <summary>How many entries it keeps.</summary>
    public int Capacity => _entries.Length;

    /// <summary>Entries added since start (the oldest are gone once this exceeds <see cref="Capacity"/>).</summary>
    public long Count
    {
        get
        {
            lock (_lock)
            {
                return _next;
            }
        }
    }

    /// <summary>Adds an entry.</summary>
    public void Add(LogLevel level, string category, int eventId, string message)
    {
        ArgumentNullException.ThrowIfNull(category);
        ArgumentNullException.ThrowIfNull(message);
        if (message.Length > MaxMessageChars)
        {
            message = string.Concat(message.AsSpan(0, MaxMessageChars), "…");
        }

        var now = _time.GetUtcNow();
        lock (_lock)
        {
            _entries[_next % _entries.Length] = new LogEntry(_next, now, level, category, eventId, message);
            _next++;
        }
    }

    /// <summary>
    /// The newest entries first: at least <paramref name="minimum"/>, whose message or category contains
    /// <paramref name="contains"/> (ignoring case) when given, at most <paramref name="max"/>.
    /// </summary>
    public IReadOnlyList<LogEntry> Snapshot(LogLevel minimum = LogLevel.Trace, string? contains = null, int max = 500)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(max, 0);
        var result = new List<LogEntry>(Math.Min(max, _entries.Length));
        lock (_lock)
        {
            var oldest = Math.Max(0, _next - _entries.Length);
            for (var sequence = _next - 1; sequence >= oldest && result.Count < max; sequence--)
            {
                var entry = _entries[sequence % _entries.Length]!;
                if (entry.Level >= minimum && (string.IsNullOrEmpty(contains)
                    || entry.Message.Contains(contains, StringComparison.OrdinalIgnoreCase)
                    || entry.Category.Contains(contains, StringComparison.OrdinalIgnoreCase)))
                {
                    result.Add(entry);
                }
            }
        }

        return result;
    }
}
