using System.Text;

namespace FaxBox.Sip.Messages;

/// <summary>
/// One header field line: the name as written (compact or long, any case), its canonical long name for look-ups, and the
/// value with folding collapsed to single spaces and the surrounding whitespace trimmed.
/// </summary>
/// <remarks>
/// A header read by the parser keeps a reference to the octets of its message and the positions of its name, separator
/// and value in them: <see cref="Name"/> and <see cref="Value"/> become strings only when first read, and the serializer
/// copies the original octets (the whole line when it was written in the canonical layout) instead of re-encoding.
/// </remarks>
public sealed class SipHeader
{
    private readonly byte[]? _raw;
    private readonly int _nameStart;
    private readonly int _nameLength;
    private readonly int _separatorLength;
    private readonly int _valueStart;
    private readonly int _valueLength;
    private readonly int _lineLength;
    private readonly bool _valueFromRaw;
    private string? _name;
    private string? _value;

    public SipHeader(string name, string value)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(value);
        _name = name;
        _value = value;
        KnownIndex = SipHeaderNames.IndexOf(name.AsSpan());
    }

    /// <summary>A header read from <paramref name="raw"/> (positions relative to its start), see <see cref="SipRawHeader"/>.</summary>
    internal SipHeader(byte[] raw, in SipRawHeader line, int shift)
    {
        _raw = raw;
        _nameStart = line.NameStart - shift;
        _nameLength = line.NameLength;
        _separatorLength = line.SeparatorLength;
        _valueStart = line.ValueStart - shift;
        _valueLength = line.ValueLength;
        _lineLength = line.LineLength;
        _name = line.Spelling;
        _value = line.FoldedValue;
        _valueFromRaw = line.FoldedValue is null;
        KnownIndex = line.KnownIndex;
        Number = line.Number;
    }

    /// <summary>The name as it was written or set.</summary>
    public string Name => _name ??= Encoding.ASCII.GetString(_raw!, _nameStart, _nameLength);

    /// <summary>The long form in RFC spelling for well-known headers; otherwise the name as written.</summary>
    public string CanonicalName => KnownIndex >= 0 ? SipHeaderNames.KnownName(KnownIndex) : Name;

    public string Value => _value ??= _valueLength == 0 ? string.Empty : Encoding.UTF8.GetString(_raw!, _valueStart, _valueLength);

    /// <summary>Index of the name in the well-known table (<see cref="SipHeaderNames.IndexOf(ReadOnlySpan{char})"/>), -1 for other names.</summary>
    internal int KnownIndex { get; }

    /// <summary>
    /// The whitespace written between the colon and a value that is not held in <see cref="Raw"/> (built from a string,
    /// or unfolded): one space. A parsed, unfolded header keeps the whitespace it was written with ("Content-Length:   254")
    /// in its octets, just before the value, for a byte-exact round trip.
    /// </summary>
    internal const string Separator = " ";

    /// <summary>A typed value parsed from <see cref="Value"/> and kept (Via list, name-addr list, CSeq …).</summary>
    internal object? Parsed { get; set; }

    /// <summary>The number of a numeric header (Content-Length, Max-Forwards, RSeq) once checked, -1 before.</summary>
    internal int Number { get; set; } = -1;

    /// <summary>The message octets this header was read from, or null for a header built from strings.</summary>
    internal byte[]? Raw => _raw;

    /// <summary>Where the whole line (name to CRLF) starts in <see cref="Raw"/>.</summary>
    internal int LineStart => _nameStart;

    /// <summary>
    /// Octets of the line in <see cref="Raw"/> including its CRLF when the line is exactly what the serializer writes
    /// (one physical line, no space before the colon or after the value, CRLF); 0 otherwise.
    /// </summary>
    internal int LineLength => _lineLength;

    /// <summary>The value's octets when it is held in <see cref="Raw"/> unchanged; empty otherwise.</summary>
    internal ReadOnlySpan<byte> RawValue => _valueFromRaw ? _raw.AsSpan(_valueStart, _valueLength) : default;

    /// <summary>True when the value is held in <see cref="Raw"/> unchanged (not folded, not built from a string).</summary>
    internal bool HasRawValue => _valueFromRaw;

    /// <summary>True when this header is named <paramref name="name"/> (long or compact form, any case).</summary>
    public bool Is(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return (KnownIndex >= 0 && ReferenceEquals(name, SipHeaderNames.KnownName(KnownIndex))) || IsKnown(SipHeaderNames.IndexOf(name.AsSpan()), name);
    }

    /// <summary><see cref="Is"/> with the name's well-known index already looked up (-1 for another name).</summary>
    internal bool IsKnown(int index, string name) =>
        index >= 0 ? KnownIndex == index : KnownIndex < 0 && string.Equals(Name, name, StringComparison.OrdinalIgnoreCase);

    /// <summary>Octets <see cref="WriteTo"/> writes.</summary>
    internal int GetByteCount()
    {
        if (_lineLength > 0)
        {
            return _lineLength;
        }

        var name = _raw is not null ? _nameLength : Encoding.UTF8.GetByteCount(Name);
        var separator = _valueFromRaw ? _separatorLength : Separator.Length;
        var value = _valueFromRaw ? _valueLength : Encoding.UTF8.GetByteCount(Value);
        return name + 1 + separator + value + 2;
    }

    /// <summary>Writes "Name:" separator value CRLF; returns the octets written.</summary>
    internal int WriteTo(Span<byte> destination)
    {
        if (_lineLength > 0)
        {
            _raw.AsSpan(_nameStart, _lineLength).CopyTo(destination);
            return _lineLength;
        }

        int n;
        if (_raw is not null)
        {
            _raw.AsSpan(_nameStart, _nameLength).CopyTo(destination);
            n = _nameLength;
        }
        else
        {
            n = Encoding.UTF8.GetBytes(Name, destination);
        }

        destination[n++] = (byte)':';
        if (_valueFromRaw)
        {
            _raw.AsSpan(_valueStart - _separatorLength, _separatorLength).CopyTo(destination[n..]);
            n += _separatorLength;
        }
        else
        {
            destination[n++] = (byte)' ';
        }

        if (_valueFromRaw)
        {
            _raw.AsSpan(_valueStart, _valueLength).CopyTo(destination[n..]);
            n += _valueLength;
        }
        else
        {
            n += Encoding.UTF8.GetBytes(Value, destination[n..]);
        }

        destination[n++] = (byte)'\r';
        destination[n++] = (byte)'\n';
        return n;
    }

    public override string ToString() => $"{Name}: {Value}";
}
