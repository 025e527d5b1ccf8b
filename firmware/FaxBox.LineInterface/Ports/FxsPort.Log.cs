using FaxBox.Core;
using FaxBox.LineInterface.Regions;
using Microsoft.Extensions.Logging;

namespace FaxBox.LineInterface.Ports;

// Event ids: LineInterface + 0..49 (FXS port). Only state changes are logged, never per frame.
public sealed partial class FxsPort
{
    [LoggerMessage(EventId = LogEventIds.LineInterface + 0, Level = LogLevel.Information, Message = "{Port}: {State}")]
    private static partial void LogHook(ILogger logger, string port, HookState state);

    [LoggerMessage(EventId = LogEventIds.LineInterface + 1, Level = LogLevel.Debug, Message = "{Port}: hook flash")]
    private static partial void LogFlash(ILogger logger, string port);

    [LoggerMessage(EventId = LogEventIds.LineInterface + 2, Level = LogLevel.Debug, Message = "{Port}: digit {Digit} ({Method})")]
    private static partial void LogDigit(ILogger logger, string port, char digit, DialMethod method);

    [LoggerMessage(EventId = LogEventIds.LineInterface + 3, Level = LogLevel.Information, Message = "{Port}: ringing ({Region} cadence), caller ID {CallerId} by {Alerting}")]
    private static partial void LogRing(ILogger logger, string port, string region, string callerId, CallerIdAlerting alerting);

    [LoggerMessage(EventId = LogEventIds.LineInterface + 4, Level = LogLevel.Information, Message = "{Port}: ring trip, answered after {Seconds:0.0} s of ringing")]
    private static partial void LogRingTrip(ILogger logger, string port, double seconds);

    [LoggerMessage(EventId = LogEventIds.LineInterface + 5, Level = LogLevel.Debug, Message = "{Port}: ringing stopped")]
    private static partial void LogRingStopped(ILogger logger, string port);

    [LoggerMessage(EventId = LogEventIds.LineInterface + 6, Level = LogLevel.Debug, Message = "{Port}: caller ID sent")]
    private static partial void LogCallerIdSent(ILogger logger, string port);

    [LoggerMessage(EventId = LogEventIds.LineInterface + 7, Level = LogLevel.Debug, Message = "{Port}: tone {Tone}")]
    private static partial void LogTone(ILogger logger, string port, CallProgressTone tone);

    [LoggerMessage(EventId = LogEventIds.LineInterface + 8, Level = LogLevel.Information, Message = "{Port}: battery {Battery}, polarity {Polarity}")]
    private static partial void LogFeed(ILogger logger, string port, string battery, LinePolarity polarity);

    [LoggerMessage(EventId = LogEventIds.LineInterface + 9, Level = LogLevel.Trace, Message = "{Port}: linefeed {Linefeed}")]
    private static partial void LogLinefeed(ILogger logger, string port, FxsLinefeed linefeed);

    [LoggerMessage(EventId = LogEventIds.LineInterface + 10, Level = LogLevel.Warning, Message = "{Port}: cannot ring, the terminal is off-hook")]
    private static partial void LogRingRefused(ILogger logger, string port);

    [LoggerMessage(EventId = LogEventIds.LineInterface + 11, Level = LogLevel.Error, Message = "{Port}: line circuit failed; further failures are not logged until it works again")]
    private static partial void LogHardwareFailed(ILogger logger, string port, Exception exception);

    [LoggerMessage(EventId = LogEventIds.LineInterface + 12, Level = LogLevel.Information, Message = "{Port}: line circuit works again")]
    private static partial void LogHardwareRecovered(ILogger logger, string port);
}
