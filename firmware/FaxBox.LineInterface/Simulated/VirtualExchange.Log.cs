using FaxBox.Core;
using Microsoft.Extensions.Logging;

namespace FaxBox.LineInterface.Simulated;

// Event ids: LineInterface + 120..139 (virtual exchange); its line cards log as FXS ports.
public sealed partial class VirtualExchange
{
    [LoggerMessage(EventId = LogEventIds.LineInterface + 120, Level = LogLevel.Information, Message = "exchange: {Caller} calls {Called}")]
    internal static partial void LogRouted(ILogger logger, string caller, string called);

    [LoggerMessage(EventId = LogEventIds.LineInterface + 121, Level = LogLevel.Information, Message = "exchange: {Caller} dialled {Dialled}: {Tone}")]
    internal static partial void LogRefused(ILogger logger, string caller, string dialled, CallProgressTone tone);

    [LoggerMessage(EventId = LogEventIds.LineInterface + 122, Level = LogLevel.Information, Message = "exchange: {Called} answered {Caller}")]
    internal static partial void LogAnswered(ILogger logger, string called, string caller);

    [LoggerMessage(EventId = LogEventIds.LineInterface + 123, Level = LogLevel.Information, Message = "exchange: {Line} cleared; {Peer} is told by {Signal}")]
    internal static partial void LogCleared(ILogger logger, string line, string peer, ExchangeDisconnectSignal signal);
}
