namespace FaxBox.Fax.Managed.T30;

/// <summary>
/// The DIS/DTC/DCS facsimile information field bits of ITU-T T.30 Table 2, numbered as the table numbers them (bit 1 is
/// the first bit sent of the first FIF octet). Octets are held as T.30 frames are elsewhere in FaxBox: first bit sent in
/// the least significant bit, so bit n is octet (n − 1) / 8, mask 1 &lt;&lt; ((n − 1) % 8).
/// </summary>
internal static class T30Bits
{
    /// <summary>DIS: ready to receive facsimile documents; DCS: receiver fax operation (T.30 Table 2, bit 10).</summary>
    public const int ReadyToReceive = 10;

    /// <summary>First of the four data signalling rate bits 11–14 (T.30 Table 2).</summary>
    public const int RateFirst = 11;

    /// <summary>R8 × 7.7 lines/mm and/or 200 × 200 pels/25.4 mm, "fine" (bit 15).</summary>
    public const int Fine = 15;

    /// <summary>Two-dimensional coding, T.4 MR (bit 16).</summary>
    public const int TwoDimensional = 16;

    /// <summary>Recording width, bits 17–18: DIS 00 = 215 mm, 01 = 215/255/303 mm, 10 = 215/255 mm; DCS 00 = 215, 01 = 303, 10 = 255.</summary>
    public const int Width17 = 17;

    /// <summary>The second recording width bit (18).</summary>
    public const int Width18 = 18;

    /// <summary>Recording length, bits 19–20: 00 = A4, 01 = unlimited, 10 = A4 and B4 (DIS) / B4 (DCS).</summary>
    public const int Length19 = 19;

    /// <summary>The second recording length bit (20).</summary>
    public const int Length20 = 20;

    /// <summary>Minimum scan line time, bits 21–23 (T.30 Table 2 note 7).</summary>
    public const int ScanTime21 = 21;

    /// <summary>Extend field after octet 3 (bit 24).</summary>
    public const int Extend24 = 24;

    /// <summary>Error correction mode, T.30 Annex A (bit 27).</summary>
    public const int Ecm = 27;

    /// <summary>DCS: ECM frame size 0 = 256 octets, 1 = 64 octets (bit 28).</summary>
    public const int FrameSize64 = 28;

    /// <summary>T.6 coding (bit 31; ECM only).</summary>
    public const int T6 = 31;

    /// <summary>Extend field after octet 4 (bit 32).</summary>
    public const int Extend32 = 32;

    /// <summary>Extend field after octet 5 (bit 40).</summary>
    public const int Extend40 = 40;

    /// <summary>R8 × 15.4 lines/mm, "superfine" (bit 41).</summary>
    public const int SuperFine = 41;

    /// <summary>300 × 300 pels/25.4 mm (bit 42).</summary>
    public const int Res300 = 42;

    /// <summary>400 × 400 pels/25.4 mm and/or R16 × 15.4 lines/mm (bit 43).</summary>
    public const int Res400 = 43;

    /// <summary>Inch-based resolution preferred (DIS) / in use (DCS) (bit 44).</summary>
    public const int InchBased = 44;

    /// <summary>Metric-based resolution preferred (DIS) / in use (DCS) (bit 45).</summary>
    public const int MetricBased = 45;

    /// <summary>Extend field after octet 6 (bit 48).</summary>
    public const int Extend48 = 48;

    /// <summary>Sub-addressing capability, SUB frames (bit 49).</summary>
    public const int SubAddressing = 49;

    /// <summary>Is bit <paramref name="bit"/> (1-based) set in <paramref name="fif"/>? Bits past the field are clear.</summary>
    public static bool Get(ReadOnlySpan<byte> fif, int bit)
    {
        int octet = (bit - 1) >> 3;
        return octet < fif.Length && (fif[octet] & (1 << ((bit - 1) & 7))) != 0;
    }

    /// <summary>Sets bit <paramref name="bit"/> (1-based) in <paramref name="fif"/>.</summary>
    public static void Set(Span<byte> fif, int bit) => fif[(bit - 1) >> 3] |= (byte)(1 << ((bit - 1) & 7));

    /// <summary>
    /// The length of a DIS/DCS field whose octets up to <paramref name="length"/> are filled: trailing octets are cut
    /// after the last one with a bit set other than its extend bit, and the extend bits are set so they chain to it.
    /// </summary>
    public static int Finish(Span<byte> fif, int length)
    {
        for (int i = 2; i < length; i++)
        {
            fif[i] &= 0x7F;
        }

        int used = 3;
        for (int i = length - 1; i >= 3; i--)
        {
            if (fif[i] != 0)
            {
                used = i + 1;
                break;
            }
        }

        for (int i = 2; i < used - 1; i++)
        {
            fif[i] |= 0x80;
        }

        return used;
    }
}
