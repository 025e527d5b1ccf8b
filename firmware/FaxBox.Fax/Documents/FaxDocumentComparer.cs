using System.Numerics;

namespace FaxBox.Fax.Documents;

/// <summary>
/// Compares two fax TIFFs by decoded pixels, so that files differing only in coding (MH/MR/MMR), FillOrder,
/// photometric interpretation, strips or tags compare equal. Used by the loopback tests to check that a
/// received fax is pixel-identical to the one sent.
/// </summary>
public static class FaxDocumentComparer
{
    /// <summary>Decodes both files and compares them page by page.</summary>
    /// <exception cref="FaxDocumentException">Either file cannot be read.</exception>
    public static PixelComparison Compare(string expectedTiff, string actualTiff) =>
        Compare(FaxDocument.Load(expectedTiff), FaxDocument.Load(actualTiff));

    /// <summary>Compares two documents page by page.</summary>
    public static PixelComparison Compare(FaxDocument expected, FaxDocument actual)
    {
        ArgumentNullException.ThrowIfNull(expected);
        ArgumentNullException.ThrowIfNull(actual);
        int count = Math.Max(expected.Pages.Count, actual.Pages.Count);
        var pages = new List<PageComparison>(count);
        for (int i = 0; i < count; i++)
        {
            FaxPage? e = i < expected.Pages.Count ? expected.Pages[i] : null;
            FaxPage? a = i < actual.Pages.Count ? actual.Pages[i] : null;
            pages.Add(ComparePage(i, e, a));
        }

        return new PixelComparison(expected.Pages.Count, actual.Pages.Count, pages);
    }

    private static PageComparison ComparePage(int index, FaxPage? e, FaxPage? a)
    {
        long eArea = e is null ? 0 : (long)e.Width * e.Height;
        long aArea = a is null ? 0 : (long)a.Width * a.Height;
        if (e is null || a is null || e.Width != a.Width || e.Height != a.Height)
        {
            return new PageComparison(index, e?.Width ?? 0, e?.Height ?? 0, a?.Width ?? 0, a?.Height ?? 0, Math.Max(eArea, aArea), false);
        }

        long diff = 0;
        ReadOnlySpan<byte> eb = e.Bits, ab = a.Bits;
        for (int i = 0; i < eb.Length; i++)
        {
            diff += BitOperations.PopCount((uint)(eb[i] ^ ab[i]));
        }

        bool sameResolution = e.Resolution is { } er ? er == a.Resolution
            : FaxResolutionExtensions.Near(a.XDpi, e.XDpi) && FaxResolutionExtensions.Near(a.YDpi, e.YDpi);
        return new PageComparison(index, e.Width, e.Height, a.Width, a.Height, diff, sameResolution);
    }
}
