namespace FaxBox.Sip.Sdp;

/// <summary>An SDP line the model keeps as written (i=, u=, e=, p=, b=, z=, k=, r= and unknown types), so it is serialized back.</summary>
public sealed record SdpLine(char Type, string Value)
{
    public override string ToString() => $"{Type}={Value}";
}
