using System.Numerics;

namespace FaxBox.Fax.Managed.T4;

/// <summary>
/// Conversions between packed rows (1 bit per pixel, most significant bit first, 1 = black, TIFF MinIsWhite) and the
/// changing elements T.4 §4.2.1.3.1 codes: the positions where the colour changes, in increasing order, starting from
/// an imaginary white element before the row (so the first change is white→black; a row starting black has a change
/// at 0). A row of <c>width</c> pixels has at most <c>width</c> changes.
/// </summary>
internal static class T4Row
{
    /// <summary>Writes the changing elements of <paramref name="packed"/> into <paramref name="changes"/> and returns how many.</summary>
    public static int Unpack(ReadOnlySpan<byte> packed, int width, Span<int> changes)
    {
        int n = 0;
        int colour = 0; // the colour left of the cursor: 0 white, 1 black
        int x = 0;
        while (x < width)
        {
            // Find the next pixel differing from `colour`: scan bytes, inverted when looking for white.
            int b = x >> 3;
            int bit = x & 7;
            int inverted = colour == 0 ? 0 : 0xFF;
            int v = (packed[b] ^ inverted) & (0xFF >> bit);
            while (v == 0)
            {
                b++;
                if (b * 8 >= width)
                {
                    return n;
                }

                v = packed[b] ^ inverted;
            }

            x = (b * 8) + BitOperations.LeadingZeroCount((uint)v) - 24;
            if (x >= width)
            {
                return n;
            }

            changes[n++] = x;
            colour ^= 1;
        }

        return n;
    }

    /// <summary>Writes the row whose changing elements are <paramref name="changes"/> as packed pixels (padding bits 0).</summary>
    public static void Pack(ReadOnlySpan<int> changes, int width, Span<byte> packed)
    {
        packed[..((width + 7) / 8)].Clear();
        for (int i = 0; i < changes.Length; i += 2)
        {
            int start = changes[i];
            int end = i + 1 < changes.Length ? changes[i + 1] : width;
            FillBlack(packed, start, Math.Min(end, width));
        }
    }

    private static void FillBlack(Span<byte> packed, int start, int end)
    {
        int x = start;
        while (x < end && (x & 7) != 0)
        {
            packed[x >> 3] |= (byte)(0x80 >> (x & 7));
            x++;
        }

        while (x + 8 <= end)
        {
            packed[x >> 3] = 0xFF;
            x += 8;
        }

        while (x < end)
        {
            packed[x >> 3] |= (byte)(0x80 >> (x & 7));
            x++;
        }
    }
}
