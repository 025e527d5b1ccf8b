using FaxBox.Core;
using Microsoft.Extensions.Logging;

namespace FaxBox.Admin.Security;

/// <summary>Log events 9600–9619 (LogEventIds.Services + 600: the admin site's security). No password, token or key is ever logged.</summary>
internal static partial class SecurityLog
{
    [LoggerMessage(EventId = LogEventIds.Services + 600, Level = LogLevel.Warning,
        Message = "Admin site: no administrator password yet. Open /setup from this box (loopback), or from another machine with the one-time code {Code}, or run 'faxbox admin passwd'")]
    public static partial void SetupPending(ILogger logger, string code);

    [LoggerMessage(EventId = LogEventIds.Services + 601, Level = LogLevel.Information, Message = "Admin site: administrator password set from {Client}")]
    public static partial void PasswordSet(ILogger logger, string client);

    [LoggerMessage(EventId = LogEventIds.Services + 602, Level = LogLevel.Information, Message = "Admin site: login from {Client}")]
    public static partial void LoggedIn(ILogger logger, string client);

    [LoggerMessage(EventId = LogEventIds.Services + 603, Level = LogLevel.Warning, Message = "Admin site: failed login from {Client}")]
    public static partial void LoginFailed(ILogger logger, string client);

    [LoggerMessage(EventId = LogEventIds.Services + 604, Level = LogLevel.Warning, Message = "Admin site: {Client} locked out until {Until:O} after repeated failures")]
    public static partial void LockedOut(ILogger logger, string client, DateTimeOffset until);

    [LoggerMessage(EventId = LogEventIds.Services + 605, Level = LogLevel.Information, Message = "Admin site: API token '{Name}' ({Id}) created")]
    public static partial void TokenCreated(ILogger logger, string name, string id);

    [LoggerMessage(EventId = LogEventIds.Services + 606, Level = LogLevel.Information, Message = "Admin site: API token {Id} revoked")]
    public static partial void TokenRevoked(ILogger logger, string id);

    [LoggerMessage(EventId = LogEventIds.Services + 607, Level = LogLevel.Information, Message = "Admin site: self-signed HTTPS certificate generated, SHA-256 {Fingerprint}")]
    public static partial void CertificateGenerated(ILogger logger, string fingerprint);

    [LoggerMessage(EventId = LogEventIds.Services + 608, Level = LogLevel.Information, Message = "Admin site: HTTPS certificate replaced by an upload, SHA-256 {Fingerprint}")]
    public static partial void CertificateUploaded(ILogger logger, string fingerprint);

    [LoggerMessage(EventId = LogEventIds.Services + 609, Level = LogLevel.Error, Message = "Admin site: {Problem}")]
    public static partial void StoreDamaged(ILogger logger, string problem);
}
