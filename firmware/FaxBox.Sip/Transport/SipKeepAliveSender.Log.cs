using System.Net;
using FaxBox.Core;
using Microsoft.Extensions.Logging;

namespace FaxBox.Sip.Transport;

public sealed partial class SipKeepAliveSender
{
    [LoggerMessage(EventId = LogEventIds.Sip + 530, Level = LogLevel.Warning, Message = "SIP keep-alive to {Remote} not sent: {Reason}")]
    private static partial void LogSendFailed(ILogger logger, IPEndPoint remote, string reason);
}
