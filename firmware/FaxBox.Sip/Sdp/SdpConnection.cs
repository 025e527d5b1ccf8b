namespace FaxBox.Sip.Sdp;

/// <summary>c= (RFC 4566 §5.7): "IN IP4 192.0.2.1" or "IN IP6 2001:db8::1" (no brackets in SDP).</summary>
public sealed record SdpConnection(string NetworkType, string AddressType, string Address)
{
    public static SdpConnection ForAddress(System.Net.IPAddress address) =>
        new("IN", address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? "IP6" : "IP4", address.ToString());

    /// <summary>RFC 2543 hold: c=IN IP4 0.0.0.0.</summary>
    public bool IsHold => Address is "0.0.0.0";

    public override string ToString() => $"{NetworkType} {AddressType} {Address}";
}
