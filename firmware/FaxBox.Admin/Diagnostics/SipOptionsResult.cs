namespace FaxBox.Admin.Diagnostics;

/// <summary>What a SIP OPTIONS (RFC 3261 §11) to a target got back.</summary>
/// <param name="Target">The URI asked.</param>
/// <param name="StatusCode">The final response's status code, or null when none came.</param>
/// <param name="ReasonPhrase">Its reason phrase.</param>
/// <param name="RespondedFrom">The address that answered.</param>
/// <param name="RoundTripMilliseconds">Request to final response.</param>
/// <param name="Headers">The peer's Server, User-Agent, Allow, Supported and Accept headers, as sent.</param>
/// <param name="Error">Why there was no answer (DNS, timeout, refused), or null.</param>
public sealed record SipOptionsResult(string Target, int? StatusCode, string? ReasonPhrase, string? RespondedFrom, double? RoundTripMilliseconds, IReadOnlyDictionary<string, string> Headers, string? Error)
{
    /// <summary>A final response came back (whatever its code: the peer is there).</summary>
    public bool Answered => StatusCode is not null;
}
