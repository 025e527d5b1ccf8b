namespace FaxBox.Sip.Messages;

/// <summary>
/// Where one header line lies in the parser's input (octet positions): what the parser records while it reads the
/// header section, before the message and its <see cref="SipHeader"/> objects exist.
/// </summary>
internal struct SipRawHeader
{
    public int NameStart;
    public int NameLength;
    /// <summary>The whitespace kept between the colon and the value: the octets just before <see cref="ValueStart"/>.</summary>
    public int SeparatorLength;
    public int ValueStart;
    public int ValueLength;

    /// <summary>Octets from <see cref="NameStart"/> through the CRLF when the line is in canonical layout, else 0.</summary>
    public int LineLength;

    /// <summary>Index in the well-known name table, -1 for another name.</summary>
    public int KnownIndex;

    /// <summary>The value of a numeric header once checked (Content-Length, Max-Forwards, RSeq), -1 otherwise.</summary>
    public int Number;

    /// <summary>A shared string equal to the name as written (a well-known spelling or a compact letter), or null.</summary>
    public string? Spelling;

    /// <summary>The unfolded value of a header written on several lines, or null when the value is in the octets.</summary>
    public string? FoldedValue;
}
