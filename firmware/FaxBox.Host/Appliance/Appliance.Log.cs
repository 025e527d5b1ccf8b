using FaxBox.Core;
using Microsoft.Extensions.Logging;

namespace FaxBox.Host.Appliance;

internal sealed partial class Appliance
{
    [LoggerMessage(EventId = LogEventIds.Host + 300, Level = LogLevel.Error, Message = "MQTT status is off: {Key}: {Reason}")]
    private static partial void LogMqttUnavailable(ILogger logger, string key, string reason);
}
