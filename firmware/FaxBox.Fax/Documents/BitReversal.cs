namespace FaxBox.Fax.Documents;

/// <summary>Reverses the bit order within bytes (TIFF FillOrder LSB2MSB ↔ MSB2LSB).</summary>
internal static class BitReversal
{
    private static readonly byte[] s_table = BuildTable();

    /// <summary>Reverses the bits of every byte in place.</summary>
    public static void ReverseInPlace(Span<byte> data)
    {
        for (int i = 0; i < data.Length; i++)
        {
            data[i] = s_table[data[i]];
        }
    }

    private static byte[] BuildTable()
    {
        var t = new byte[256];
        for (int i = 0; i < 256; i++)
        {
            int r = 0;
            for (int b = 0; b < 8; b++)
            {
                if ((i & (1 << b)) != 0)
                {
                    r |= 0x80 >> b;
                }
            }

            t[i] = (byte)r;
        }

        return t;
    }
}
