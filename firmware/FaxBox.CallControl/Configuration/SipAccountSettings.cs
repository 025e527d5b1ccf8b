using System.Net;
using FaxBox.Sip.Transport;

namespace FaxBox.CallControl.Configuration;

/// <summary>
/// One SIP account of the gateway (JSON <c>sip.accounts[n]</c>): its own SIP socket (ATAs use one port per line
/// account), its identity and credentials, and whether it registers.
/// </summary>
public sealed class SipAccountSettings
{
    /// <summary>The account's name, referenced by ports. Required.</summary>
    public string Name { get; set; } = string.Empty;

    /// <summary>The user part of From and Contact, and the registration's address of record. Required.</summary>
    public string Username { get; set; } = string.Empty;

    /// <summary>The Digest user name when it differs from <see cref="Username"/>. Default none.</summary>
    public string? AuthUsername { get; set; }

    /// <summary>The Digest password. Default empty.</summary>
    public string Password { get; set; } = string.Empty;

    /// <summary>The SIP domain (From host, registrar by RFC 3263 unless <see cref="Registrar"/>); null uses the local address. Default null.</summary>
    public string? Domain { get; set; }

    /// <summary>The registrar host[:port] when it is not the domain. Default none.</summary>
    public string? Registrar { get; set; }

    /// <summary>Where calls go first (host[:port]); null sends them to the Request-URI's host. Default none.</summary>
    public string? OutboundProxy { get; set; }

    /// <summary>Whether to register (needs <see cref="Domain"/>). Default false: a peer-to-peer trunk.</summary>
    public bool Register { get; set; }

    /// <summary>The registration lifetime asked for, in seconds. Default 3600.</summary>
    public int Expires { get; set; } = 3600;

    /// <summary>The address the account's SIP socket binds to. Default 127.0.0.1 (set the box's LAN address or 0.0.0.0).</summary>
    public IPAddress ListenAddress { get; set; } = IPAddress.Loopback;

    /// <summary>The account's SIP UDP port; 0 picks a free one (tests). Default 5060.</summary>
    public int Port { get; set; } = 5060;

    /// <summary>
    /// The host (and port) outbound calls go to when the dialled number is not a SIP URI: calls go to
    /// <c>sip:DIGITS@Target</c>. Default: the domain, else the registrar.
    /// </summary>
    public string? Target { get; set; }

    /// <summary>The transport. Default UDP.</summary>
    public SipTransportProtocol Transport { get; set; } = SipTransportProtocol.Udp;

    /// <summary>Where calls without a SIP URI go: <see cref="Target"/>, the domain, or the registrar.</summary>
    public string? EffectiveTarget => Target ?? Domain ?? Registrar;

    /// <summary>Throws <see cref="GatewayConfigurationException"/> naming the wrong setting under <paramref name="path"/>.</summary>
    public void Validate(string path)
    {
        FaxOptions.Check(!string.IsNullOrWhiteSpace(Name), path, "name", "is required");
        FaxOptions.Check(!string.IsNullOrWhiteSpace(Username) && Username.All(c => char.IsAsciiLetterOrDigit(c) || "-_.!~*'()&=+$,;?/".Contains(c)), path, "username", "is required and must be a SIP user part");
        FaxOptions.Check(Port is >= 0 and <= 65535, path, "port", "must be 0 to 65535");
        FaxOptions.Check(!Register || !string.IsNullOrWhiteSpace(Domain), path, "domain", "is required when register is true");
        FaxOptions.Check(Expires is >= 60 and <= 86400, path, "expires", "must be 60 to 86400 s");
        FaxOptions.Check(Transport == SipTransportProtocol.Udp, path, "transport", "only udp carries calls in this version");
    }
}
