using FaxBox.Core;
using Microsoft.Extensions.Logging;

namespace FaxBox.Admin;

/// <summary>Log events 9620–9629 (LogEventIds.Services + 620: the admin site's start on its first connection).</summary>
internal static partial class AdminSiteLog
{
    [LoggerMessage(EventId = LogEventIds.Services + 620, Level = LogLevel.Information, Message = "Admin site: first connection, pages and API started in {Milliseconds} ms")]
    public static partial void Started(ILogger logger, long milliseconds);

    [LoggerMessage(EventId = LogEventIds.Services + 621, Level = LogLevel.Error, Message = "Admin site: could not start its pages and API on {Urls}; browsers wait, and the next connection after {Wait} tries again")]
    public static partial void StartFailed(ILogger logger, Exception exception, string urls, TimeSpan wait);
}
