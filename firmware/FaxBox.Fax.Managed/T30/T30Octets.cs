namespace FaxBox.Fax.Managed.T30;

/// <summary>
/// Octet helpers between the two orders a T.30 frame is seen in: T.38 carries HDLC octets first bit sent in the most
/// significant bit (a DIS is <c>ff c8 01</c>), FaxBox's <see cref="T30Frames"/> and frame events hold them first bit sent
/// in the least significant bit (<c>ff 13 80</c>), as spandsp does. Also the identity fields (T.30 §5.3.6.2.4).
/// </summary>
internal static class T30Octets
{
    private static readonly byte[] ReverseTable = CreateReverseTable();

    /// <summary>The octet with its bit order reversed.</summary>
    public static byte Reverse(byte b) => ReverseTable[b];

    /// <summary>Reverses the bit order of every octet of <paramref name="octets"/> in place.</summary>
    public static void Reverse(Span<byte> octets)
    {
        for (int i = 0; i < octets.Length; i++)
        {
            octets[i] = ReverseTable[octets[i]];
        }
    }

    /// <summary>
    /// Writes a 20-octet CSI/TSI/SUB field: the characters in reverse order (the last one is sent first) padded with
    /// spaces (T.30 §5.3.6.2.4 and Table 3). Returns 20.
    /// </summary>
    public static int WriteIdent(Span<byte> fif, string ident)
    {
        for (int i = 0; i < 20; i++)
        {
            fif[i] = i < ident.Length ? (byte)ident[ident.Length - 1 - i] : (byte)' ';
        }

        return 20;
    }

    /// <summary>Reads a CSI/TSI/SUB field back into text; null when it is blank. Non-printable octets become '?'.</summary>
    public static string? ReadIdent(ReadOnlySpan<byte> fif)
    {
        int n = Math.Min(fif.Length, 20);
        Span<char> text = stackalloc char[20];
        for (int i = 0; i < n; i++)
        {
            byte b = fif[n - 1 - i];
            text[i] = b is >= 0x20 and < 0x7F ? (char)b : '?';
        }

        var trimmed = text[..n].Trim(' ');
        return trimmed.IsEmpty ? null : new string(trimmed);
    }

    private static byte[] CreateReverseTable()
    {
        var table = new byte[256];
        for (int i = 0; i < 256; i++)
        {
            int r = 0;
            for (int bit = 0; bit < 8; bit++)
            {
                if ((i & (1 << bit)) != 0)
                {
                    r |= 0x80 >> bit;
                }
            }

            table[i] = (byte)r;
        }

        return table;
    }
}
