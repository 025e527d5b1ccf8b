namespace FaxBox.Fax.Managed.Hdlc;

/// <summary>
/// The 16-bit frame check sequence of HDLC as T.30 §5.3.7 uses it (ISO/IEC 13239, ITU-T V.42 §8.1.1.6.1):
/// generator x¹⁶ + x¹² + x⁵ + 1, register preset to all ones, the ones' complement of the remainder sent low-order bit
/// first. Computed here in the reflected form (0x8408) so that bytes go in the order they are sent. Over a frame
/// including its FCS, a correct frame leaves the constant <see cref="GoodResidue"/>.
/// </summary>
internal static class HdlcFcs
{
    /// <summary>The register's initial value.</summary>
    public const ushort Initial = 0xFFFF;

    /// <summary>The remainder over data plus a correct FCS.</summary>
    public const ushort GoodResidue = 0xF0B8;

    private static readonly ushort[] Table = CreateTable();

    /// <summary>Feeds one octet into the register.</summary>
    public static ushort Update(ushort crc, byte octet) => (ushort)((crc >> 8) ^ Table[(crc ^ octet) & 0xFF]);

    /// <summary>The register after <paramref name="data"/>, from <see cref="Initial"/>.</summary>
    public static ushort Compute(ReadOnlySpan<byte> data)
    {
        var crc = Initial;
        foreach (var octet in data)
        {
            crc = Update(crc, octet);
        }

        return crc;
    }

    /// <summary>The two FCS octets to send after <paramref name="data"/>, in sending order.</summary>
    public static (byte First, byte Second) Fcs(ReadOnlySpan<byte> data)
    {
        var fcs = (ushort)~Compute(data);
        return ((byte)fcs, (byte)(fcs >> 8));
    }

    private static ushort[] CreateTable()
    {
        var table = new ushort[256];
        for (var i = 0; i < 256; i++)
        {
            var value = (ushort)i;
            for (var bit = 0; bit < 8; bit++)
            {
                value = (value & 1) != 0 ? (ushort)((value >> 1) ^ 0x8408) : (ushort)(value >> 1);
            }

            table[i] = value;
        }

        return table;
    }
}
