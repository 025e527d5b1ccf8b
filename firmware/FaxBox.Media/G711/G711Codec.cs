namespace FaxBox.Media.G711;

/// <summary>
/// Dispatches to <see cref="G711ALaw"/> or <see cref="G711MuLaw"/> by <see cref="G711Law"/>, for code that picks the law
/// at run time (from SDP or configuration).
/// </summary>
public static class G711Codec
{
    /// <summary>Encodes one 16-bit linear sample with <paramref name="law"/>.</summary>
    public static byte Encode(G711Law law, short sample) => law switch
    {
        G711Law.ALaw => G711ALaw.Encode(sample),
        G711Law.MuLaw => G711MuLaw.Encode(sample),
        _ => throw UnknownLaw(law),
    };

    /// <summary>Decodes one character with <paramref name="law"/>.</summary>
    public static short Decode(G711Law law, byte code) => law switch
    {
        G711Law.ALaw => G711ALaw.Decode(code),
        G711Law.MuLaw => G711MuLaw.Decode(code),
        _ => throw UnknownLaw(law),
    };

    /// <summary>Encodes <paramref name="pcm"/> into the first <c>pcm.Length</c> bytes of <paramref name="destination"/>.</summary>
    public static void Encode(G711Law law, ReadOnlySpan<short> pcm, Span<byte> destination)
    {
        switch (law)
        {
            case G711Law.ALaw:
                G711ALaw.Encode(pcm, destination);
                break;
            case G711Law.MuLaw:
                G711MuLaw.Encode(pcm, destination);
                break;
            default:
                throw UnknownLaw(law);
        }
    }

    /// <summary>Decodes <paramref name="codes"/> into the first <c>codes.Length</c> samples of <paramref name="destination"/>.</summary>
    public static void Decode(G711Law law, ReadOnlySpan<byte> codes, Span<short> destination)
    {
        switch (law)
        {
            case G711Law.ALaw:
                G711ALaw.Decode(codes, destination);
                break;
            case G711Law.MuLaw:
                G711MuLaw.Decode(codes, destination);
                break;
            default:
                throw UnknownLaw(law);
        }
    }

    /// <summary>The character that decodes to linear 0 (0xD5 for A-law, 0xFF for µ-law), for filling silent frames.</summary>
    public static byte Silence(G711Law law) => law switch
    {
        G711Law.ALaw => G711ALaw.Zero,
        G711Law.MuLaw => G711MuLaw.Zero,
        _ => throw UnknownLaw(law),
    };

    /// <summary>The RTP static payload type (RFC 3551 §6 Table 4): 8 for PCMA, 0 for PCMU.</summary>
    public static byte RtpPayloadType(G711Law law) => law switch
    {
        G711Law.ALaw => 8,
        G711Law.MuLaw => 0,
        _ => throw UnknownLaw(law),
    };

    private static ArgumentOutOfRangeException UnknownLaw(G711Law law) =>
        new(nameof(law), law, "not a G.711 law");
}
