namespace FaxBox.Sip.Messages;

/// <summary>
/// One header field line: the name as written (compact or long, any case), its canonical long name for look-ups, and the
/// value with folding collapsed to single spaces and the surrounding whitespace trimmed.
/// </summary>
public sealed class SipHeader
{
    public SipHeader(string name, string value)
        : this(name, SipHeaderNames.Canonical(name), value)
    {
    }

    internal SipHeader(string name, string canonicalName, string value)
    {
        Name = name;
        CanonicalName = canonicalName;
        Value = value;
    }

    /// <summary>The name as it was written or set.</summary>
    public string Name { get; }

    /// <summary>The long form in RFC spelling for well-known headers; otherwise the name as written.</summary>
    public string CanonicalName { get; }

    public string Value { get; }

    /// <summary>The whitespace written between the colon and the value ("Content-Length:   254"), kept for a byte-exact round trip.</summary>
    internal string Separator { get; init; } = " ";

    /// <summary>A typed value parsed from <see cref="Value"/> and kept (Via list, name-addr list, CSeq …).</summary>
    internal object? Parsed { get; set; }

    public bool Is(string name) => string.Equals(CanonicalName, name, StringComparison.OrdinalIgnoreCase);

    public override string ToString() => $"{Name}: {Value}";
}
