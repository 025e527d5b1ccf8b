namespace FaxBox.Sip.Messages;

/// <summary>One generic-param (RFC 3261 §25.1): a name and an optional value (a quoted value keeps its quotes).</summary>
public readonly record struct SipParameter(string Name, string? Value)
{
    public override string ToString() => Value is null ? Name : $"{Name}={Value}";
}
