using System.Net;

namespace FaxBox.Sip.Transport;

/// <summary>A transport address: the protocol and the IP end point (address and port).</summary>
public readonly record struct SipEndPoint(SipTransportProtocol Protocol, IPEndPoint Address)
{
    public override string ToString() => $"{Protocol.ToString().ToUpperInvariant()}:{Address}";
}
