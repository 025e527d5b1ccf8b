namespace FaxBox.Media.G711;

/// <summary>
/// ITU-T G.711 µ-law (Table 2) between 16-bit linear PCM and 8-bit character signals.
/// </summary>
/// <remarks>
/// <para>
/// G.711 defines µ-law on a 14-bit uniform scale (sign plus magnitude up to 8159). A 16-bit sample's magnitude is taken
/// to that scale by dividing by 4 (truncating towards zero, so the sign is applied after quantising the magnitude), and
/// decoded values are the standard's interval mid-points scaled back by 4: 0, ±8 … ±32124.
/// </para>
/// <para>
/// With the magnitude biased by 33, segment <c>s</c> (0–7) covers biased values 2^(s+5) … 2^(s+6)−1 in 16 steps of
/// 2^(s+1); biased values of 8192 and above saturate at the top step. On the line, bit 1 (the MSB) is 1 for positive
/// values and the other 7 bits are the complement of the 3-bit segment and 4-bit step (G.711 transmits µ-law with its
/// bits inverted), so +0 is 0xFF, −0 is 0x7F, positive full scale 0x80 and negative full scale 0x00.
/// </para>
/// <para>
/// Encoding is a single load from an 8193-entry magnitude table; decoding a load from a 256-entry table. Both tables are
/// built once at type initialisation from the segment definitions above. Nothing allocates.
/// </para>
/// </remarks>
public static class G711MuLaw
{
    /// <summary>The µ-law character for linear 0 (positive zero, all bits inverted): 0xFF.</summary>
    public const byte Zero = 0xFF;

    /// <summary>The bias added to the 14-bit magnitude before the segment search.</summary>
    internal const int Bias = 33;

    /// <summary>Largest decoded magnitude: the mid-point of the top step, 8031 on the 14-bit scale.</summary>
    public const short MaxDecoded = 32124;

    // Encode table: 14-bit magnitude (0..8192) -> inverted segment/step bits, positive sign (0x80..0xFF).
    private static readonly byte[] s_magnitudeToCode = BuildEncodeTable();

    // Decode table: transmitted character -> 16-bit linear.
    private static readonly short[] s_decode = BuildDecodeTable();

    /// <summary>Encodes one 16-bit linear sample.</summary>
    public static byte Encode(short sample)
    {
        int s = sample;
        int negative = s >> 31; // 0 or -1
        int magnitude = ((s ^ negative) - negative) >> 2; // |s| / 4: 0..8192
        return (byte)(s_magnitudeToCode[magnitude] & ~(negative & 0x80));
    }

    /// <summary>Decodes one µ-law character.</summary>
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
            int s = pcm[i];
            int negative = s >> 31;
            destination[i] = (byte)(table[((s ^ negative) - negative) >> 2] & ~(negative & 0x80));
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
        var table = new byte[8193];
        for (int magnitude = 0; magnitude < table.Length; magnitude++)
        {
            int biased = magnitude + Bias;
            int character;
            if (biased >= 8192)
            {
                character = 0x7F; // saturate at segment 7, step 15
            }
            else
            {
                int segment = 0;
                while (biased >= 64 << segment)
                {
                    segment++;
                }

                int step = (biased >> (segment + 1)) & 0x0F;
                character = segment << 4 | step;
            }

            table[magnitude] = (byte)(0xFF ^ character); // positive sign bit survives the inversion
        }

        return table;
    }

    private static short[] BuildDecodeTable()
    {
        var table = new short[256];
        for (int code = 0; code < 256; code++)
        {
            int c = code ^ 0xFF;
            int segment = (c >> 4) & 0x07;
            int step = c & 0x0F;

            // Biased mid-point (2·step + 33)·2^s, minus the bias, on the 14-bit scale.
            int linear = (((2 * step + 33) << segment) - Bias) << 2;
            table[code] = (short)((c & 0x80) == 0 ? linear : -linear);
        }

        return table;
    }
}
