using FaxBox.Core;
using Microsoft.Extensions.Logging;

namespace FaxBox.Mqtt.Publishing;

// Event ids: LogEventIds.Services + 700 … 799 are FaxBox.Mqtt's.
public sealed partial class MqttStatusPublisher
{
    [LoggerMessage(EventId = LogEventIds.Services + 700, Level = LogLevel.Information, Message = "MQTT: connected to {Broker} as {ClientId}; {Events} event(s) waiting")]
    private static partial void LogConnected(ILogger logger, string broker, string clientId, int events);

    [LoggerMessage(EventId = LogEventIds.Services + 701, Level = LogLevel.Warning, Message = "MQTT: cannot connect to {Broker}: {Reason}; retrying with back-off")]
    private static partial void LogConnectFailed(ILogger logger, string broker, string reason);

    [LoggerMessage(EventId = LogEventIds.Services + 702, Level = LogLevel.Warning, Message = "MQTT: lost {Broker} ({Reason}) {Error}; events are kept and sent on reconnect")]
    private static partial void LogDisconnected(ILogger logger, string broker, string reason, string error);

    [LoggerMessage(EventId = LogEventIds.Services + 703, Level = LogLevel.Warning, Message = "MQTT: publishing {Topic} failed: {Reason}")]
    private static partial void LogPublishFailed(ILogger logger, string topic, string reason);

    [LoggerMessage(EventId = LogEventIds.Services + 704, Level = LogLevel.Warning, Message = "MQTT: the event queue ({Capacity}) is full while the broker is away: {Dropped} event(s) dropped so far, oldest first")]
    private static partial void LogEventsDropped(ILogger logger, long dropped, int capacity);

    [LoggerMessage(EventId = LogEventIds.Services + 705, Level = LogLevel.Information, Message = "MQTT: Home Assistant came online; discovery republished")]
    private static partial void LogHomeAssistantOnline(ILogger logger);

    [LoggerMessage(EventId = LogEventIds.Services + 706, Level = LogLevel.Information, Message = "MQTT: command {Command}: {Ok} {Message}")]
    private static partial void LogCommand(ILogger logger, string command, bool ok, string message);

    [LoggerMessage(EventId = LogEventIds.Services + 707, Level = LogLevel.Error, Message = "MQTT: command {Command} threw")]
    private static partial void LogCommandFailed(ILogger logger, string command, Exception exception);

    [LoggerMessage(EventId = LogEventIds.Services + 708, Level = LogLevel.Information, Message = "MQTT: offline published to {Broker}, disconnected; {Events} event(s) unsent")]
    private static partial void LogStopped(ILogger logger, string broker, int events);

    [LoggerMessage(EventId = LogEventIds.Services + 709, Level = LogLevel.Warning, Message = "MQTT: clean stop at {Broker} incomplete: {Reason}")]
    private static partial void LogStopFailed(ILogger logger, string broker, string reason);

    [LoggerMessage(EventId = LogEventIds.Services + 710, Level = LogLevel.Error, Message = "MQTT: the publisher's loop failed; status is no longer published")]
    private static partial void LogLoopFailed(ILogger logger, Exception exception);
}
