using FaxBox.Core;
using Microsoft.Extensions.Logging;

namespace FaxBox.Host.Api;

/// <summary>Log events 400–409 of the host block (LogEventIds.Host + 400: the local API's start on its first connection).</summary>
internal static partial class LocalApiLog
{
    [LoggerMessage(EventId = LogEventIds.Host + 400, Level = LogLevel.Error, Message = "local API: could not start on {Path}; 'faxbox send' and scripts wait, and the next connection after {Wait} tries again")]
    public static partial void StartFailed(ILogger logger, Exception exception, string path, TimeSpan wait);
}
