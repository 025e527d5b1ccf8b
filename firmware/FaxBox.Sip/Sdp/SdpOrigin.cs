using System.Globalization;

namespace FaxBox.Sip.Sdp;

/// <summary>o= (RFC 4566 §5.2). <see cref="SessionVersion"/> goes up by one with every changed offer (RFC 3264 §8).</summary>
public sealed record SdpOrigin(string UserName, string SessionId, ulong SessionVersion, string NetworkType, string AddressType, string Address)
{
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{UserName} {SessionId} {SessionVersion} {NetworkType} {AddressType} {Address}");
}
