using Microsoft.Extensions.Logging;

namespace FaxBox.Sip.Calls;

/// <summary>Log messages of the call layer (event ids Sip + 200 … 299).</summary>
internal static partial class SipCallLog
{
    [LoggerMessage(EventId = Core.LogEventIds.Sip + 200, Level = LogLevel.Error, Message = "SIP call event {Event}: a handler failed")]
    public static partial void HandlerFailed(ILogger logger, Exception exception, string @event);

    [LoggerMessage(EventId = Core.LogEventIds.Sip + 201, Level = LogLevel.Error, Message = "SIP call background work '{What}' failed")]
    public static partial void BackgroundFailed(ILogger logger, Exception exception, string what);

    [LoggerMessage(EventId = Core.LogEventIds.Sip + 202, Level = LogLevel.Information, Message = "SIP call {CallId}: {State} ({Reason} {Status}) {Detail}")]
    public static partial void StateChanged(ILogger logger, string callId, SipCallState state, SipCallEndReason reason, int? status, string? detail);

    [LoggerMessage(EventId = Core.LogEventIds.Sip + 203, Level = LogLevel.Information, Message = "SIP {Method} for call {CallId} answered {Status}: {Detail}")]
    public static partial void RequestAnswered(ILogger logger, string method, string callId, int status, string detail);

    [LoggerMessage(EventId = Core.LogEventIds.Sip + 204, Level = LogLevel.Information, Message = "SIP call {CallId}: glare (491) on {Method}, retrying in {Delay} (RFC 3261 §14.1)")]
    public static partial void GlareBackoff(ILogger logger, string callId, string method, TimeSpan delay);

    [LoggerMessage(EventId = Core.LogEventIds.Sip + 205, Level = LogLevel.Information, Message = "SIP call {CallId}: session refresh by {Method} ({How})")]
    public static partial void SessionRefresh(ILogger logger, string callId, string method, string how);

    [LoggerMessage(EventId = Core.LogEventIds.Sip + 206, Level = LogLevel.Information, Message = "SIP call {CallId}: session refresh deferred while a fax is active (peer has no UPDATE)")]
    public static partial void RefreshDeferred(ILogger logger, string callId);

    [LoggerMessage(EventId = Core.LogEventIds.Sip + 207, Level = LogLevel.Warning, Message = "SIP call {CallId}: {Method} answered {Status} {Reason}")]
    public static partial void RequestFailed(ILogger logger, string callId, string method, int status, string reason);

    [LoggerMessage(EventId = Core.LogEventIds.Sip + 208, Level = LogLevel.Information, Message = "SIP {Method} from {Remote} matches no call: 481")]
    public static partial void NoSuchCall(ILogger logger, string method, Transport.SipEndPoint remote);

    [LoggerMessage(EventId = Core.LogEventIds.Sip + 209, Level = LogLevel.Information, Message = "SIP INVITE from {Remote} refused with {Status}: {Detail}")]
    public static partial void InviteRefused(ILogger logger, Transport.SipEndPoint remote, int status, string detail);
}
