using FaxBox.Sip.Transport;

namespace FaxBox.Sip.Registration;

/// <summary>One SIP account to register, bound from <c>FaxBox:Sip:Accounts:N</c>.</summary>
public sealed class SipAccountOptions
{
    /// <summary>The address-of-record user part (and the Digest user name unless <see cref="AuthUsername"/> is set). Required.</summary>
    public string Username { get; set; } = string.Empty;

    /// <summary>The Digest user name when it differs from <see cref="Username"/>. Default none.</summary>
    public string? AuthUsername { get; set; }

    /// <summary>The Digest password. Default empty (no credentials: a challenge then fails the registration).</summary>
    public string Password { get; set; } = string.Empty;

    /// <summary>The SIP domain of the address of record, and the registrar located by RFC 3263 unless <see cref="Registrar"/> is set. Required.</summary>
    public string Domain { get; set; } = string.Empty;

    /// <summary>The registrar host[:port] when it is not the domain itself. Default none.</summary>
    public string? Registrar { get; set; }

    /// <summary>
    /// An outbound proxy host[:port] every REGISTER is sent through (RFC 3261 §8.1.2), located by RFC 3263 instead of the
    /// registrar; the Request-URI stays the registrar. Default none.
    /// </summary>
    public string? OutboundProxy { get; set; }

    /// <summary>The transport to use; default none: RFC 3263 decides (NAPTR/SRV), UDP when DNS says nothing.</summary>
    public SipTransportProtocol? Transport { get; set; }

    /// <summary>The registration lifetime asked for, in seconds (RFC 3261 §10.2.1.1). Default 3600.</summary>
    public int Expires { get; set; } = 3600;

    /// <summary>How long before expiry to refresh; at most half the granted time. Default 32 s.</summary>
    public TimeSpan RefreshAhead { get; set; } = TimeSpan.FromSeconds(32);

    /// <summary>The first retry wait after a failure; it doubles per failure (RFC 5626 §4.5 style). Default 30 s.</summary>
    public TimeSpan RetryBase { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The longest retry wait. Default 30 min.</summary>
    public TimeSpan RetryMax { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>Throws <see cref="ArgumentException"/> naming the first wrong field.</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(Username))
        {
            throw new ArgumentException("FaxBox:Sip:Accounts: Username is required");
        }

        if (string.IsNullOrWhiteSpace(Domain))
        {
            throw new ArgumentException($"FaxBox:Sip:Accounts ({Username}): Domain is required");
        }

        if (Expires is < 1 or > 604_800)
        {
            throw new ArgumentException($"FaxBox:Sip:Accounts ({Username}@{Domain}): Expires must be 1..604800 s, not {Expires}");
        }

        if (RetryBase <= TimeSpan.Zero || RetryMax < RetryBase)
        {
            throw new ArgumentException($"FaxBox:Sip:Accounts ({Username}@{Domain}): RetryBase must be positive and at most RetryMax");
        }
    }
}
