using System.Net;
using System.Net.Sockets;
using FaxBox.Core;
using Microsoft.Extensions.Logging;

namespace FaxBox.Sip.Transport;

public sealed partial class UdpSipTransport
{
    [LoggerMessage(EventId = LogEventIds.Sip + 500, Level = LogLevel.Warning, Message = "SIP/UDP: dropped a datagram of {Length} bytes from {Remote}: over the limit of {Limit} bytes")]
    private static partial void LogOversize(ILogger logger, int length, IPEndPoint remote, int limit);

    [LoggerMessage(EventId = LogEventIds.Sip + 501, Level = LogLevel.Error, Message = "SIP/UDP: the message handler failed on a datagram from {Remote}")]
    private static partial void LogHandlerFailed(ILogger logger, Exception exception, IPEndPoint remote);

    [LoggerMessage(EventId = LogEventIds.Sip + 502, Level = LogLevel.Debug, Message = "SIP/UDP: receive error {Error} (ignored)")]
    private static partial void LogReceiveError(ILogger logger, SocketError error);
}
