namespace FaxBox.Media.G711;

/// <summary>
/// ITU-T G.711 A-law (Table 1) between 16-bit linear PCM and 8-bit character signals.
/// </summary>
/// <remarks>
/// <para>
/// G.711 defines A-law on a 13-bit uniform scale (sign plus 12-bit magnitude, 4096 units full scale). A 16-bit sample
/// is taken to that scale by an arithmetic shift right of 3 (so each 13-bit step covers 8 linear values and negative
/// values round towards minus infinity), and decoded values are the standard's interval mid-points scaled back by 8:
/// ±8 … ±32256.
/// </para>
/// <para>
/// The 8 segments are: segment 0 covers magnitudes 0–31 in steps of 2, segment <c>s</c> (1–7) covers
/// 2^(s+4) … 2^(s+5)−1 in steps of 2^s. The character is sign (1 = positive), 3-bit segment, 4-bit step, with the even
/// bits inverted for transmission, as G.711 prescribes for A-law (transmitted character = character XOR 0x55).
/// </para>
/// <para>
/// Encoding is a single load from a 4096-entry magnitude table; decoding a load from a 256-entry table. Both tables are
/// built once at type initialisation from the segment definitions above. Nothing allocates.
/// </para>
/// </remarks>
public static class G711ALaw
{
    /// <summary>The A-law character for linear 0 (positive zero, even bits inverted): 0xD5.</summary>
    public const byte Zero = 0xD5;

    /// <summary>Mask of the even bits that A-law inverts for transmission.</summary>
    internal const byte EvenBitInversion = 0x55;

    /// <summary>Largest decoded magnitude: the mid-point of the top step, 4032 on the 13-bit scale.</summary>
    public const short MaxDecoded = 32256;

    // Encode table: 12-bit magnitude (0..4095) -> segment/step bits (7 bits, no sign, no inversion).
    private static readonly byte[] s_magnitudeToCode = BuildEncodeTable();

    // Decode table: transmitted character -> 16-bit linear.
    private static readonly short[] s_decode = BuildDecodeTable();

    /// <summary>Encodes one 16-bit linear sample.</summary>
    public static byte Encode(short sample)
    {
        int v = sample >> 3; // 13-bit two's complement, -4096..4095
        int sign = ~v >> 31 & 0x80; // 0x80 when v >= 0
        int magnitude = v ^ (v >> 31); // v for v >= 0, ~v (= -v - 1) for v < 0: 0..4095
        return (byte)((s_magnitudeToCode[magnitude] | sign) ^ EvenBitInversion);
    }

    /// <summary>Decodes one A-law character.</summary>
    public static short Decode(byte code) => s_decode[code];

    /// <summary>Encodes <paramref name="pcm"/> into the first <c>pcm.Length</c> bytes of <paramref name="destination"/>.</summary>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is shorter than <paramref name="pcm"/>.</exception>
    public static void Encode(ReadOnlySpan<short> pcm, Span<byte> destination)
    {
        if (destination.Length < pcm.Length)
        {
            throw new ArgumentException($"destination holds {destination.Length} bytes, need {pcm.Length}", nameof(destination));
        }

        byte[] table = s_magnitudeToCode;
        destination = destination[..pcm.Length];
        for (int i = 0; i < pcm.Length; i++)
        {
            int v = pcm[i] >> 3;
            int sign = ~v >> 31 & 0x80;
            destination[i] = (byte)((table[v ^ (v >> 31)] | sign) ^ EvenBitInversion);
        }
    }

    /// <summary>Decodes <paramref name="codes"/> into the first <c>codes.Length</c> samples of <paramref name="destination"/>.</summary>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is shorter than <paramref name="codes"/>.</exception>
    public static void Decode(ReadOnlySpan<byte> codes, Span<short> destination)
    {
        if (destination.Length < codes.Length)
        {
            throw new ArgumentException($"destination holds {destination.Length} samples, need {codes.Length}", nameof(destination));
        }

        short[] table = s_decode;
        destination = destination[..codes.Length];
        for (int i = 0; i < codes.Length; i++)
        {
            destination[i] = table[codes[i]];
        }
    }

    private static byte[] BuildEncodeTable()
    {
        var table = new byte[4096];
        for (int magnitude = 0; magnitude < table.Length; magnitude++)
        {
            int segment = 0;
            while (segment < 7 && magnitude >= 32 << segment)
            {
                segment++;
            }

            // Segment 0 and 1 both step by 2; segment s >= 1 steps by 2^s.
            int step = (magnitude >> Math.Max(segment, 1)) & 0x0F;
            table[magnitude] = (byte)(segment << 4 | step);
        }

        return table;
    }

    private static short[] BuildDecodeTable()
    {
        var table = new short[256];
        for (int code = 0; code < 256; code++)
        {
            int c = code ^ EvenBitInversion;
            int segment = (c >> 4) & 0x07;
            int step = c & 0x0F;

            // Interval mid-point on the 13-bit scale: (2·step + 1) in segment 0, (2·step + 33)·2^(s−1) above.
            int midpoint = segment == 0 ? 2 * step + 1 : (2 * step + 33) << (segment - 1);
            int linear = midpoint << 3;
            table[code] = (short)((c & 0x80) != 0 ? linear : -linear);
        }

        return table;
    }
}
