using System.Net.Sockets;
using FaxBox.Core;
using Microsoft.Extensions.Logging;

namespace FaxBox.Host.Hosting;

public sealed partial class SystemdNotifier
{
    [LoggerMessage(EventId = LogEventIds.Host + 110, Level = LogLevel.Warning, Message = "systemd: NOTIFY_SOCKET '{Socket}' is neither a path nor an abstract address (@name); notifications are off")]
    private static partial void LogUnsupportedSocket(ILogger logger, string socket);

    [LoggerMessage(EventId = LogEventIds.Host + 111, Level = LogLevel.Warning, Message = "systemd: {Variable}='{Value}' is not a positive whole number; the watchdog is off")]
    private static partial void LogBadWatchdog(ILogger logger, string variable, string value);

    [LoggerMessage(EventId = LogEventIds.Host + 112, Level = LogLevel.Warning, Message = "systemd: '{Message}' to {Socket} not sent: {Error}")]
    private static partial void LogSendFailed(ILogger logger, string socket, string message, SocketError error);

    [LoggerMessage(EventId = LogEventIds.Host + 113, Level = LogLevel.Information, Message = "systemd watchdog: timeout {Interval}, pinging at half of it while healthy")]
    private static partial void LogWatchdogStarted(ILogger logger, TimeSpan interval);

    [LoggerMessage(EventId = LogEventIds.Host + 114, Level = LogLevel.Error, Message = "systemd watchdog: the box is unhealthy; pings stop and systemd restarts the service after {Interval} unless it recovers")]
    private static partial void LogUnhealthy(ILogger logger, TimeSpan interval);

    [LoggerMessage(EventId = LogEventIds.Host + 115, Level = LogLevel.Information, Message = "systemd watchdog: healthy again; pings resume")]
    private static partial void LogHealthy(ILogger logger);

    [LoggerMessage(EventId = LogEventIds.Host + 116, Level = LogLevel.Error, Message = "systemd watchdog: the health check threw; counted as unhealthy")]
    private static partial void LogHealthCheckFailed(ILogger logger, Exception exception);
}
