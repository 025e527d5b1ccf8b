namespace FaxBox.Sip.Auth;

/// <summary>What to do with a 401/407 (RFC 3261 §22.2–22.3).</summary>
public enum DigestOutcome
{
    /// <summary>Resend the request with the returned Authorization/Proxy-Authorization value.</summary>
    Retry,

    /// <summary>The same realm refused these credentials with a fresh (not stale) nonce: the password is wrong.</summary>
    CredentialsRefused,

    /// <summary>No credentials for this realm, or no usable challenge (scheme, algorithm): give up, the reason says which.</summary>
    CannotAnswer,
}
