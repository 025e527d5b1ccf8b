namespace FaxBox.Core.Status;

/// <summary>One SIP account.</summary>
/// <param name="Account">The account's name in configuration.</param>
/// <param name="AddressOfRecord">sip:user@domain.</param>
/// <param name="State">"unregistered", "registering", "registered", "failed", or "none" for an account that does not register.</param>
/// <param name="ExpiresAt">When the binding expires, when registered.</param>
/// <param name="LastStatusCode">The registrar's last final response code.</param>
/// <param name="Reason">Why the last attempt failed.</param>
public sealed record RegistrationStatus(string Account, string AddressOfRecord, string State, DateTimeOffset? ExpiresAt, int? LastStatusCode, string? Reason);
