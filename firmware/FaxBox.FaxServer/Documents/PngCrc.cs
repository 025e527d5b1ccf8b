namespace FaxBox.FaxServer.Documents;

/// <summary>The CRC-32 of PNG chunks (PNG specification, 3rd ed., §5.5: ISO 3309 polynomial, reflected).</summary>
internal static class PngCrc
{
    private static readonly uint[] s_table = BuildTable();

    /// <summary>CRC of a chunk's type and data.</summary>
    public static uint Compute(ReadOnlySpan<byte> bytes)
    {
        uint c = 0xFFFFFFFFu;
        foreach (byte b in bytes)
        {
            c = s_table[(c ^ b) & 0xFF] ^ (c >> 8);
        }

        return c ^ 0xFFFFFFFFu;
    }

    private static uint[] BuildTable()
    {
        uint[] table = new uint[256];
        for (uint n = 0; n < 256; n++)
        {
            uint c = n;
            for (int k = 0; k < 8; k++)
            {
                c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            }

            table[n] = c;
        }

        return table;
    }
}
