using System.Net;
using FaxBox.Core;
using Microsoft.Extensions.Logging;

namespace FaxBox.Sip.Dns;

public sealed partial class DnsClient
{
    [LoggerMessage(EventId = LogEventIds.Sip + 600, Level = LogLevel.Debug, Message = "DNS {Type} '{Name}' from {Server} was truncated; asking again over TCP")]
    private static partial void LogTruncated(ILogger logger, string name, DnsRecordType type, IPEndPoint server);

    [LoggerMessage(EventId = LogEventIds.Sip + 601, Level = LogLevel.Warning, Message = "DNS {Type} '{Name}' from {Server} failed: {Reason}")]
    private static partial void LogServerFailed(ILogger logger, string name, DnsRecordType type, IPEndPoint server, string reason);

    [LoggerMessage(EventId = LogEventIds.Sip + 602, Level = LogLevel.Warning, Message = "DNS: malformed datagram from {Server} ignored: {Reason}")]
    private static partial void LogMalformed(ILogger logger, IPEndPoint server, string reason);
}
