using FaxBox.Core;
using Microsoft.Extensions.Logging;

namespace FaxBox.Sip.Transport;

internal sealed partial class SipStreamConnection
{
    [LoggerMessage(EventId = LogEventIds.Sip + 510, Level = LogLevel.Warning, Message = "SIP stream from {Remote} cannot be framed, closing it: {Error}")]
    private static partial void LogFramingError(ILogger logger, SipEndPoint remote, string error);

    [LoggerMessage(EventId = LogEventIds.Sip + 511, Level = LogLevel.Error, Message = "SIP stream: the message handler failed on a message from {Remote}")]
    private static partial void LogHandlerFailed(ILogger logger, Exception exception, SipEndPoint remote);

    [LoggerMessage(EventId = LogEventIds.Sip + 512, Level = LogLevel.Debug, Message = "SIP stream: {Remote} closed the connection")]
    private static partial void LogPeerClosed(ILogger logger, SipEndPoint remote);

    [LoggerMessage(EventId = LogEventIds.Sip + 513, Level = LogLevel.Information, Message = "SIP stream: closing the connection with {Remote} after {Idle} without a message")]
    private static partial void LogIdleClose(ILogger logger, SipEndPoint remote, TimeSpan idle);

    [LoggerMessage(EventId = LogEventIds.Sip + 514, Level = LogLevel.Warning, Message = "SIP stream: no keep-alive answer from {Remote} for {Waited}; closing the connection (RFC 5626 §4.4.1)")]
    private static partial void LogNoPong(ILogger logger, SipEndPoint remote, TimeSpan waited);

    [LoggerMessage(EventId = LogEventIds.Sip + 515, Level = LogLevel.Debug, Message = "SIP stream: keep-alive to {Remote} not sent: {Reason}")]
    private static partial void LogKeepAliveFailed(ILogger logger, SipEndPoint remote, string reason);
}
