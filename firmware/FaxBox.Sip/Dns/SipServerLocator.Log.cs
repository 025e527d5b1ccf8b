using FaxBox.Core;
using Microsoft.Extensions.Logging;

namespace FaxBox.Sip.Dns;

public sealed partial class SipServerLocator
{
    [LoggerMessage(EventId = LogEventIds.Sip + 610, Level = LogLevel.Debug, Message = "RFC 3263: {Host} has {Count} target(s) from {SrvName}")]
    private static partial void LogLocated(ILogger logger, string host, int count, string srvName);

    [LoggerMessage(EventId = LogEventIds.Sip + 611, Level = LogLevel.Information, Message = "RFC 3263: {Type} lookup of {Name} failed, going on without it: {Reason}")]
    private static partial void LogLookupFailed(ILogger logger, DnsRecordType type, string name, string reason);
}
