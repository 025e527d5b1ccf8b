namespace FaxBox.Sip.Transport;

/// <summary>The transport of a SIP hop (RFC 3261 §18; the Via "sent-protocol" and the URI "transport" parameter).</summary>
public enum SipTransportProtocol
{
    Udp,
    Tcp,
    Tls,
}
