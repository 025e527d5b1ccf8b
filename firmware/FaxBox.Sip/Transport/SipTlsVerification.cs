namespace FaxBox.Sip.Transport;

/// <summary>How strictly the peer's TLS certificate is checked (RFC 5922 for SIP domain certificates).</summary>
public enum SipTlsVerification
{
    /// <summary>The chain must be trusted and the certificate must name the host (the default; RFC 5922 §7).</summary>
    Full,

    /// <summary>The chain must be trusted; the name is not compared (for a peer reached by IP address).</summary>
    ChainOnly,

    /// <summary>Any certificate is accepted: encryption without authentication. For lab use only; logged as a warning.</summary>
    None,
}
