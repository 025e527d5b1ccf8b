using FaxBox.Core;
using Microsoft.Extensions.Logging;

namespace FaxBox.Host.Hosting;

public sealed partial class ConfigurationWatcher
{
    [LoggerMessage(EventId = LogEventIds.Host + 100, Level = LogLevel.Information, Message = "configuration: watching {Path} (changes apply after {Debounce} of quiet, or on SIGHUP)")]
    private static partial void LogWatching(ILogger logger, string path, TimeSpan debounce);

    [LoggerMessage(EventId = LogEventIds.Host + 101, Level = LogLevel.Error, Message = "configuration: {Error}")]
    private static partial void LogRejectedError(ILogger logger, string error);

    [LoggerMessage(EventId = LogEventIds.Host + 102, Level = LogLevel.Error, Message = "configuration: {Path} ({Trigger}) has {Count} error(s); keeping the running configuration")]
    private static partial void LogRejected(ILogger logger, string path, int count, string trigger);

    [LoggerMessage(EventId = LogEventIds.Host + 103, Level = LogLevel.Debug, Message = "configuration: {Path} ({Trigger}) is unchanged")]
    private static partial void LogUnchanged(ILogger logger, string path, string trigger);

    [LoggerMessage(EventId = LogEventIds.Host + 104, Level = LogLevel.Information, Message = "configuration: {Path} ({Trigger}) applied; changed: {Changes}")]
    private static partial void LogApplied(ILogger logger, string path, string trigger, string changes);

    [LoggerMessage(EventId = LogEventIds.Host + 105, Level = LogLevel.Warning, Message = "configuration: {Keys} changed and take effect only after a restart (systemctl restart faxbox)")]
    private static partial void LogNeedsRestart(ILogger logger, string keys);

    [LoggerMessage(EventId = LogEventIds.Host + 106, Level = LogLevel.Error, Message = "configuration: applying {Path} failed; keeping the running configuration")]
    private static partial void LogApplyFailed(ILogger logger, Exception exception, string path);

    [LoggerMessage(EventId = LogEventIds.Host + 107, Level = LogLevel.Warning, Message = "configuration: watching {Path} failed; edits are seen again on SIGHUP")]
    private static partial void LogWatcherError(ILogger logger, Exception exception, string path);
}
