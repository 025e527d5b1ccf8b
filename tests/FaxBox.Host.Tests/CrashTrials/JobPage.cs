using FaxBox.Fax.Documents;

namespace FaxBox.Host.Tests.CrashTrials;

/// <summary>
/// A short fax page (1728 × <see cref="Rows"/> at fine resolution) that carries a number in a row of black and white
/// blocks, so a page in the receiver's inbox can be traced to the job that sent it.
/// </summary>
internal static class JobPage
{
    /// <summary>Rows of the page: a few hundred, so a fax takes seconds, not minutes.</summary>
    public const int Rows = 320;

    private const int Bits = 12;
    private const int BlockWidth = 96;
    private const int Pitch = 120;
    private const int Left = 24;
    private const int Top = 100;
    private const int BlockHeight = 160;

    /// <summary>The largest number a page can carry.</summary>
    public const int MaxNumber = (1 << Bits) - 1;

    /// <summary>Writes a one-page TIFF carrying <paramref name="number"/>.</summary>
    public static void Write(string path, int number)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(number);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(number, MaxNumber);
        var page = new FaxPage(1728, Rows, FaxResolution.Fine);
        page.FillRectangle(0, 0, 1728, 8);
        page.FillRectangle(0, Rows - 8, 1728, 8);
        Block(page, 0, true); // sync: always black
        for (int bit = 0; bit < Bits; bit++)
        {
            Block(page, bit + 1, ((number >> bit) & 1) != 0);
        }

        // Block Bits + 1 stays white: a page read upside down or shifted does not decode.
        new FaxDocument([page]).Save(path);
    }

    /// <summary>The number page <paramref name="page"/> carries, or null when it carries none.</summary>
    public static int? Read(FaxPage page)
    {
        ArgumentNullException.ThrowIfNull(page);
        if (page.Width != 1728 || page.Height < Top + BlockHeight || !IsBlack(page, 0) || IsBlack(page, Bits + 1))
        {
            return null;
        }

        int number = 0;
        for (int bit = 0; bit < Bits; bit++)
        {
            if (IsBlack(page, bit + 1))
            {
                number |= 1 << bit;
            }
        }

        return number;
    }

    private static void Block(FaxPage page, int index, bool black)
    {
        if (black)
        {
            page.FillRectangle(Left + (index * Pitch), Top, BlockWidth, BlockHeight);
        }
    }

    /// <summary>Whether most of the block's inner area is black (tolerates a few wrong pixels).</summary>
    private static bool IsBlack(FaxPage page, int index)
    {
        int x0 = Left + (index * Pitch) + 16;
        int black = 0;
        int total = 0;
        for (int y = Top + 20; y < Top + BlockHeight - 20; y += 4)
        {
            for (int x = x0; x < x0 + BlockWidth - 32; x += 4)
            {
                total++;
                black += page.GetPixel(x, y) ? 1 : 0;
            }
        }

        return black * 2 > total;
    }
}
