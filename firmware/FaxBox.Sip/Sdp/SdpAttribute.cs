namespace FaxBox.Sip.Sdp;

/// <summary>An a= line (RFC 4566 §5.13): a property attribute (no value) or a value attribute.</summary>
public sealed record SdpAttribute(string Name, string? Value = null)
{
    public override string ToString() => Value is null ? Name : $"{Name}:{Value}";
}
