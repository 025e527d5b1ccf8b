using FaxBox.Core;
using Microsoft.Extensions.Logging;

namespace FaxBox.LineInterface.Ports;

// Event ids: LineInterface + 50..99 (FXO port). Only state changes are logged, never per frame.
public sealed partial class FxoPort
{
    [LoggerMessage(EventId = LogEventIds.LineInterface + 50, Level = LogLevel.Information, Message = "{Port}: ring {Count}")]
    private static partial void LogRing(ILogger logger, string port, int count);

    [LoggerMessage(EventId = LogEventIds.LineInterface + 51, Level = LogLevel.Debug, Message = "{Port}: ringing stopped")]
    private static partial void LogRingingStopped(ILogger logger, string port);

    [LoggerMessage(EventId = LogEventIds.LineInterface + 52, Level = LogLevel.Information, Message = "{Port}: caller ID number {Number}, name {Name}")]
    private static partial void LogCallerId(ILogger logger, string port, string? number, string? name);

    [LoggerMessage(EventId = LogEventIds.LineInterface + 53, Level = LogLevel.Information, Message = "{Port}: seized (off-hook)")]
    private static partial void LogSeized(ILogger logger, string port);

    [LoggerMessage(EventId = LogEventIds.LineInterface + 54, Level = LogLevel.Information, Message = "{Port}: released (on-hook)")]
    private static partial void LogReleased(ILogger logger, string port);

    [LoggerMessage(EventId = LogEventIds.LineInterface + 55, Level = LogLevel.Debug, Message = "{Port}: dialling {Digits} ({Method})")]
    private static partial void LogDialling(ILogger logger, string port, string digits, DialMethod method);

    [LoggerMessage(EventId = LogEventIds.LineInterface + 56, Level = LogLevel.Information, Message = "{Port}: far end cleared ({Reason})")]
    private static partial void LogDisconnect(ILogger logger, string port, FxoDisconnectReason reason);

    [LoggerMessage(EventId = LogEventIds.LineInterface + 57, Level = LogLevel.Debug, Message = "{Port}: polarity {Polarity}")]
    private static partial void LogPolarity(ILogger logger, string port, LinePolarity polarity);

    [LoggerMessage(EventId = LogEventIds.LineInterface + 58, Level = LogLevel.Debug, Message = "{Port}: hears {Tone}")]
    private static partial void LogTone(ILogger logger, string port, CallProgressTone tone);

    [LoggerMessage(EventId = LogEventIds.LineInterface + 59, Level = LogLevel.Warning, Message = "{Port}: cannot dial on-hook")]
    private static partial void LogDialRefused(ILogger logger, string port);

    [LoggerMessage(EventId = LogEventIds.LineInterface + 60, Level = LogLevel.Error, Message = "{Port}: line interface failed; further failures are not logged until it works again")]
    private static partial void LogHardwareFailed(ILogger logger, string port, Exception exception);

    [LoggerMessage(EventId = LogEventIds.LineInterface + 61, Level = LogLevel.Information, Message = "{Port}: line interface works again")]
    private static partial void LogHardwareRecovered(ILogger logger, string port);
}
