namespace FaxBox.Fax.Managed.T4;

/// <summary>
/// The code tables of ITU-T T.4 (07/2003) §4.1 and §4.2: terminating codes for runs 0…63 (Table 1), make-up codes for
/// runs 64…1728 (Table 2), the extended make-up codes 1792…2560 shared by both colours (Table 3), the EOL code and the
/// two-dimensional mode codes (Table 4). Codes are kept as the spec's bit strings (first bit sent first) and turned
/// into encode entries and 13-bit decode look-up tables once.
/// </summary>
internal static class T4Codes
{
    /// <summary>EOL (T.4 §4.1.2): eleven 0s then a 1.</summary>
    public const int Eol = 0x001;

    /// <summary>Length of <see cref="Eol"/> in bits.</summary>
    public const int EolBits = 12;

    /// <summary>Longest run code (the black make-up codes of Table 2/T.4): decode tables are indexed by this many bits.</summary>
    public const int MaxCodeBits = 13;

    /// <summary>Largest run one make-up code covers (Table 3/T.4); longer runs repeat it.</summary>
    public const int MaxMakeUp = 2560;

    private static readonly string[] s_whiteTerminating =
    [
        "00110101", "000111", "0111", "1000", "1011", "1100", "1110", "1111",
        "10011", "10100", "00111", "01000", "001000", "000011", "110100", "110101",
        "101010", "101011", "0100111", "0001100", "0001000", "0010111", "0000011", "0000100",
        "0101000", "0101011", "0010011", "0100100", "0011000", "00000010", "00000011", "00011010",
        "00011011", "00010010", "00010011", "00010100", "00010101", "00010110", "00010111", "00101000",
        "00101001", "00101010", "00101011", "00101100", "00101101", "00000100", "00000101", "00001010",
        "00001011", "01010010", "01010011", "01010100", "01010101", "00100100", "00100101", "01011000",
        "01011001", "01011010", "01011011", "01001010", "01001011", "00110010", "00110011", "00110100",
    ];

    private static readonly string[] s_blackTerminating =
    [
        "0000110111", "010", "11", "10", "011", "0011", "0010", "00011",
        "000101", "000100", "0000100", "0000101", "0000111", "00000100", "00000111", "000011000",
        "0000010111", "0000011000", "0000001000", "00001100111", "00001101000", "00001101100", "00000110111", "00000101000",
        "00000010111", "00000011000", "000011001010", "000011001011", "000011001100", "000011001101", "000001101000", "000001101001",
        "000001101010", "000001101011", "000011010010", "000011010011", "000011010100", "000011010101", "000011010110", "000011010111",
        "000001101100", "000001101101", "000011011010", "000011011011", "000001010100", "000001010101", "000001010110", "000001010111",
        "000001100100", "000001100101", "000001010010", "000001010011", "000000100100", "000000110111", "000000111000", "000000100111",
        "000000101000", "000001011000", "000001011001", "000000101011", "000000101100", "000001011010", "000001100110", "000001100111",
    ];

    // Make-up codes for 64, 128, …, 1728 (Table 2/T.4).
    private static readonly string[] s_whiteMakeUp =
    [
        "11011", "10010", "010111", "0110111", "00110110", "00110111", "01100100", "01100101", "01101000",
        "01100111", "011001100", "011001101", "011010010", "011010011", "011010100", "011010101", "011010110",
        "011010111", "011011000", "011011001", "011011010", "011011011", "010011000", "010011001", "010011010",
        "011000", "010011011",
    ];

    private static readonly string[] s_blackMakeUp =
    [
        "0000001111", "000011001000", "000011001001", "000001011011", "000000110011", "000000110100", "000000110101",
        "0000001101100", "0000001101101", "0000001001010", "0000001001011", "0000001001100", "0000001001101",
        "0000001110010", "0000001110011", "0000001110100", "0000001110101", "0000001110110", "0000001110111",
        "0000001010010", "0000001010011", "0000001010100", "0000001010101", "0000001011010", "0000001011011",
        "0000001100100", "0000001100101",
    ];

    // Extended make-up codes for 1792, 1856, …, 2560 (Table 3/T.4), the same for both colours.
    private static readonly string[] s_extendedMakeUp =
    [
        "00000001000", "00000001100", "00000001101", "000000010010", "000000010011", "000000010100", "000000010101",
        "000000010110", "000000010111", "000000011100", "000000011101", "000000011110", "000000011111",
    ];

    /// <summary>Encode entries (code &lt;&lt; 8 | length) of the terminating codes, index = colour * 64 + run.</summary>
    public static readonly int[] Terminating = BuildTerminating();

    /// <summary>Encode entries of the make-up codes, index = colour * 40 + run / 64 - 1 (64…2560).</summary>
    public static readonly int[] MakeUp = BuildMakeUp();

    /// <summary>
    /// Decode tables indexed by the next <see cref="MaxCodeBits"/> bits, one per colour: entry = run &lt;&lt; 8 | length,
    /// 0 where no code starts (fill, EOL or a bad code).
    /// </summary>
    public static readonly int[] WhiteDecode = BuildDecode(0);

    /// <inheritdoc cref="WhiteDecode"/>
    public static readonly int[] BlackDecode = BuildDecode(1);

    /// <summary>
    /// The two-dimensional mode codes (Table 4/T.4) indexed by the next 7 bits: entry = mode &lt;&lt; 8 | length,
    /// 0 where no mode code starts (seven 0s: EOL or bad; 0000001: the extension to uncompressed mode).
    /// </summary>
    public static readonly int[] ModeDecode = BuildModeDecode();

    /// <summary>Encode entry (code &lt;&lt; 8 | length) of a two-dimensional mode.</summary>
    public static int ModeCode(T4Mode mode) => mode switch
    {
        T4Mode.Pass => Entry("0001"),
        T4Mode.Horizontal => Entry("001"),
        T4Mode.V0 => Entry("1"),
        T4Mode.VR1 => Entry("011"),
        T4Mode.VR2 => Entry("000011"),
        T4Mode.VR3 => Entry("0000011"),
        T4Mode.VL1 => Entry("010"),
        T4Mode.VL2 => Entry("000010"),
        T4Mode.VL3 => Entry("0000010"),
        _ => throw new ArgumentOutOfRangeException(nameof(mode)),
    };

    private static int Entry(string bits)
    {
        int code = 0;
        foreach (char c in bits)
        {
            code = (code << 1) | (c - '0');
        }

        return (code << 8) | bits.Length;
    }

    private static int[] BuildTerminating()
    {
        var t = new int[128];
        for (int run = 0; run < 64; run++)
        {
            t[run] = Entry(s_whiteTerminating[run]);
            t[64 + run] = Entry(s_blackTerminating[run]);
        }

        return t;
    }

    private static int[] BuildMakeUp()
    {
        var t = new int[80];
        for (int colour = 0; colour < 2; colour++)
        {
            string[] own = colour == 0 ? s_whiteMakeUp : s_blackMakeUp;
            for (int i = 0; i < own.Length; i++)
            {
                t[(colour * 40) + i] = Entry(own[i]);
            }

            for (int i = 0; i < s_extendedMakeUp.Length; i++)
            {
                t[(colour * 40) + own.Length + i] = Entry(s_extendedMakeUp[i]);
            }
        }

        return t;
    }

    private static int[] BuildDecode(int colour)
    {
        var table = new int[1 << MaxCodeBits];
        string[] term = colour == 0 ? s_whiteTerminating : s_blackTerminating;
        string[] makeUp = colour == 0 ? s_whiteMakeUp : s_blackMakeUp;
        for (int run = 0; run < 64; run++)
        {
            Fill(table, term[run], run);
        }

        for (int i = 0; i < makeUp.Length; i++)
        {
            Fill(table, makeUp[i], (i + 1) * 64);
        }

        for (int i = 0; i < s_extendedMakeUp.Length; i++)
        {
            Fill(table, s_extendedMakeUp[i], 1792 + (i * 64));
        }

        return table;
    }

    private static int[] BuildModeDecode()
    {
        var table = new int[128];
        foreach (T4Mode mode in Enum.GetValues<T4Mode>())
        {
            int e = ModeCode(mode);
            int length = e & 0xFF;
            int code = e >> 8;
            int shift = 7 - length;
            for (int i = 0; i < 1 << shift; i++)
            {
                table[(code << shift) | i] = ((int)mode << 8) | length;
            }
        }

        return table;
    }

    private static void Fill(int[] table, string bits, int run)
    {
        int e = Entry(bits);
        int length = e & 0xFF;
        int shift = MaxCodeBits - length;
        int start = (e >> 8) << shift;
        for (int i = 0; i < 1 << shift; i++)
        {
            if (table[start + i] != 0)
            {
                throw new InvalidOperationException($"T.4 code {bits} overlaps another code");
            }

            table[start + i] = (run << 8) | length;
        }
    }
}
