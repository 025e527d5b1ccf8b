using FaxBox.Core;
using FaxBox.Sip.Transport;
using Microsoft.Extensions.Logging;

namespace FaxBox.Sip.Registration;

public sealed partial class SipRegistration
{
    [LoggerMessage(EventId = LogEventIds.Sip + 810, Level = LogLevel.Warning, Message = "SIP registration {Aor} failed: {Reason}")]
    private static partial void LogFailed(ILogger logger, string aor, string reason);

    [LoggerMessage(EventId = LogEventIds.Sip + 811, Level = LogLevel.Information, Message = "SIP registration {Aor}: target {Target} failed ({Reason}); trying the next")]
    private static partial void LogTargetFailed(ILogger logger, string aor, SipEndPoint target, string reason);

    [LoggerMessage(EventId = LogEventIds.Sip + 812, Level = LogLevel.Information, Message = "SIP registration {Aor}: 423 Interval Too Brief for {Asked} s; asking {Min} s")]
    private static partial void LogIntervalTooBrief(ILogger logger, string aor, int asked, int min);

    [LoggerMessage(EventId = LogEventIds.Sip + 813, Level = LogLevel.Error, Message = "SIP registration {Aor}: a state subscriber failed")]
    private static partial void LogSubscriberFailed(ILogger logger, Exception exception, string aor);
}
