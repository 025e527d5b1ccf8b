using FaxBox.Core;
using FaxBox.Sip.Transport;
using Microsoft.Extensions.Logging;

namespace FaxBox.Sip.Registration;

public sealed partial class SipNonInviteSender
{
    [LoggerMessage(EventId = LogEventIds.Sip + 800, Level = LogLevel.Warning, Message = "SIP: dropped an unparseable message from {Remote}: {Error}")]
    private static partial void LogUnparseable(ILogger logger, SipEndPoint remote, string error);
}
