namespace FaxBox.Sip.Auth;

/// <summary>
/// The user name and password of one SIP account. <see cref="Realm"/>, when set, limits them to challenges of that
/// realm (a provider's credentials are not handed to whichever proxy asks, RFC 3261 §22.1).
/// </summary>
public sealed record DigestCredentials(string Username, string Password, string? Realm = null)
{
    /// <summary>Never prints the password.</summary>
    public override string ToString() => $"{Username}@{Realm ?? "*"}";
}
