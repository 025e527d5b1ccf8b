using FaxBox.Sip.Transport;

namespace FaxBox.Sip.Dns;

/// <summary>How the RFC 3263 locator picks transports, bound from <c>FaxBox:Sip:Locator</c>.</summary>
public sealed class SipLocatorOptions
{
    /// <summary>
    /// The transports the box supports, most preferred first; used to filter NAPTR services and to order the SRV
    /// lookups when there is no NAPTR record (RFC 3263 §4.1). Default UDP, TCP, TLS.
    /// </summary>
    public IList<SipTransportProtocol> Transports { get; } = [SipTransportProtocol.Udp, SipTransportProtocol.Tcp, SipTransportProtocol.Tls];

    /// <summary>Whether NAPTR is asked first when neither port nor transport is known. Default true.</summary>
    public bool UseNaptr { get; set; } = true;

    /// <summary>Whether AAAA is asked besides A (IPv4 targets are listed first). Default true.</summary>
    public bool UseIpv6 { get; set; } = true;
}
