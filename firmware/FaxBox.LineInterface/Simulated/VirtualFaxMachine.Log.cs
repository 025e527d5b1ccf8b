using FaxBox.Core;
using Microsoft.Extensions.Logging;

namespace FaxBox.LineInterface.Simulated;

// Event ids: LineInterface + 100..119 (virtual fax machine).
public sealed partial class VirtualFaxMachine
{
    [LoggerMessage(EventId = LogEventIds.LineInterface + 100, Level = LogLevel.Information, Message = "{Machine}: calling {Number}")]
    private static partial void LogCalling(ILogger logger, string machine, string number);

    [LoggerMessage(EventId = LogEventIds.LineInterface + 101, Level = LogLevel.Information, Message = "{Machine}: T.30 session started as the {Role} party, {Direction}")]
    private static partial void LogSession(ILogger logger, string machine, string role, FaxBox.Fax.FaxDirection direction);

    [LoggerMessage(EventId = LogEventIds.LineInterface + 102, Level = LogLevel.Information, Message = "{Machine}: hung up ({Reason}); T.30 result {Result}")]
    private static partial void LogHungUp(ILogger logger, string machine, string reason, string result);
}
