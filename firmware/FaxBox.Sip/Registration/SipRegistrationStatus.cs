using FaxBox.Sip.Dns;

namespace FaxBox.Sip.Registration;

/// <summary>An immutable snapshot of one account's registration, for the status feed, MQTT and the admin page.</summary>
public sealed record SipRegistrationStatus(
    string AddressOfRecord,
    SipRegistrationState State,
    SipTarget? Registrar,
    DateTimeOffset? ExpiresAt,
    int? LastStatusCode,
    string? Reason,
    DateTimeOffset? NextAttemptAt);
