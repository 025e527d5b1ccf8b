using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;

namespace FaxBox.Sip.Transport;

/// <summary>TLS settings of the SIP/TLS transport (RFC 3261 §26.2.1, RFC 5922), bound from <c>FaxBox:Sip:Tls</c>.</summary>
public sealed class SipTlsOptions
{
    /// <summary>
    /// The box's certificate with its private key: presented as server, and as client certificate when a peer asks.
    /// Default none (the box then cannot accept TLS connections, only open them).
    /// </summary>
    public X509Certificate2? Certificate { get; set; }

    /// <summary>How the peer's certificate is verified. Default <see cref="SipTlsVerification.Full"/>.</summary>
    public SipTlsVerification Verification { get; set; } = SipTlsVerification.Full;

    /// <summary>
    /// Roots to trust instead of the system store (a provider's private CA, or a self-signed peer). Default empty: the
    /// system store is used.
    /// </summary>
    public X509Certificate2Collection TrustedRoots { get; } = [];

    /// <summary>
    /// The name sent as SNI and checked against the peer's certificate when no name was given for that peer with
    /// <see cref="SipStreamTransport.SetTargetHost"/>. Default none: the peer's IP address text is used.
    /// </summary>
    public string? TargetHost { get; set; }

    /// <summary>Whether a connecting peer must present a client certificate (mutual TLS). Default false.</summary>
    public bool RequireClientCertificate { get; set; }

    /// <summary>Allowed protocol versions. Default <see cref="SslProtocols.None"/>: the system's choice (TLS 1.2 and 1.3).</summary>
    public SslProtocols Protocols { get; set; } = SslProtocols.None;
}
