using System.Net;
using System.Net.Sockets;
using FaxBox.Core;
using Microsoft.Extensions.Logging;

namespace FaxBox.Sip.Transport;

public sealed partial class SipStreamTransport
{
    [LoggerMessage(EventId = LogEventIds.Sip + 520, Level = LogLevel.Warning, Message = "SIP/{Protocol}: accept failed: {Error}")]
    private static partial void LogAcceptFailed(ILogger logger, SipTransportProtocol protocol, SocketError error);

    [LoggerMessage(EventId = LogEventIds.Sip + 521, Level = LogLevel.Warning, Message = "SIP stream: refused a connection from {Remote}: {Limit} connections are open (MaxConnections)")]
    private static partial void LogConnectionRefused(ILogger logger, IPEndPoint remote, int limit);

    [LoggerMessage(EventId = LogEventIds.Sip + 522, Level = LogLevel.Warning, Message = "SIP/TLS: connection from {Remote} dropped: {Reason}")]
    private static partial void LogHandshakeFailed(ILogger logger, IPEndPoint remote, string reason);

    [LoggerMessage(EventId = LogEventIds.Sip + 523, Level = LogLevel.Debug, Message = "SIP/{Protocol}: connection with {Remote} {How}")]
    private static partial void LogConnectionOpened(ILogger logger, SipTransportProtocol protocol, IPEndPoint remote, string how);

    [LoggerMessage(EventId = LogEventIds.Sip + 524, Level = LogLevel.Debug, Message = "SIP/{Protocol}: connection with {Remote} closed")]
    private static partial void LogConnectionClosed(ILogger logger, SipTransportProtocol protocol, IPEndPoint remote);
}
