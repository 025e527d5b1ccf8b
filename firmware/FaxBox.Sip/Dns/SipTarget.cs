using FaxBox.Sip.Transport;

namespace FaxBox.Sip.Dns;

/// <summary>
/// One place to send a request (RFC 3263 §4): transport and address, and the host name it was found for (the SIP
/// domain, checked against a TLS peer's certificate, RFC 5922 §4).
/// </summary>
public readonly record struct SipTarget(SipEndPoint EndPoint, string HostName)
{
    public override string ToString() => $"{EndPoint} ({HostName})";
}
