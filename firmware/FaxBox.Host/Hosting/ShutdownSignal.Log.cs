using FaxBox.Core;
using Microsoft.Extensions.Logging;

namespace FaxBox.Host.Hosting;

public sealed partial class ShutdownSignal
{
    [LoggerMessage(EventId = LogEventIds.Host + 120, Level = LogLevel.Information, Message = "{Signal}: shutting down (send it again to exit at once)")]
    private static partial void LogShuttingDown(ILogger logger, string signal);

    [LoggerMessage(EventId = LogEventIds.Host + 121, Level = LogLevel.Warning, Message = "{Signal} again while shutting down: exiting now with code {Code}")]
    private static partial void LogForcedExit(ILogger logger, string signal, int code);

    [LoggerMessage(EventId = LogEventIds.Host + 122, Level = LogLevel.Information, Message = "shutting down: {Reason}")]
    private static partial void LogRequested(ILogger logger, string reason);

    [LoggerMessage(EventId = LogEventIds.Host + 123, Level = LogLevel.Error, Message = "a shutdown callback failed")]
    private static partial void LogCallbackFailed(ILogger logger, Exception exception);
}
