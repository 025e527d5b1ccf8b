namespace FaxBox.Sip.Parsing;

/// <summary>Bounds of the message parser; a message beyond them is rejected, never read further.</summary>
public sealed class SipParserOptions
{
    /// <summary>Largest message accepted, in octets (answered with 513). Default 65,535: the largest UDP datagram.</summary>
    public int MaxMessageSize { get; init; } = 65_535;

    /// <summary>Most header lines (after unfolding). Default 256.</summary>
    public int MaxHeaderCount { get; init; } = 256;

    /// <summary>Longest start line or unfolded header line, in octets. Default 8,192.</summary>
    public int MaxLineLength { get; init; } = 8_192;

    /// <summary>Most continuation lines folded into one header. Default 64.</summary>
    public int MaxFoldedLines { get; init; } = 64;

    /// <summary>Most elements in one comma-joined list header (Via, Contact, Route …). Default 128.</summary>
    public int MaxListElements { get; init; } = 128;

    /// <summary>The defaults.</summary>
    public static SipParserOptions Default { get; } = new();
}
