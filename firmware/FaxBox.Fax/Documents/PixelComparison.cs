namespace FaxBox.Fax.Documents;

/// <summary>The result of <see cref="FaxDocumentComparer.Compare(string, string)"/>.</summary>
public sealed class PixelComparison
{
    internal PixelComparison(int expectedPages, int actualPages, IReadOnlyList<PageComparison> pages)
    {
        ExpectedPages = expectedPages;
        ActualPages = actualPages;
        Pages = pages;
        DifferingPixels = pages.Sum(p => p.DifferingPixels);
    }

    /// <summary>Pages in the expected document.</summary>
    public int ExpectedPages { get; }

    /// <summary>Pages in the actual document.</summary>
    public int ActualPages { get; }

    /// <summary>One entry per page index up to the larger page count.</summary>
    public IReadOnlyList<PageComparison> Pages { get; }

    /// <summary>Sum of <see cref="PageComparison.DifferingPixels"/>.</summary>
    public long DifferingPixels { get; }

    /// <summary>
    /// True when both documents have the same number of pages, each of the same size, and no pixel differs.
    /// Resolution, compression, FillOrder and tags are not part of the verdict (see <see cref="PageComparison.ResolutionMatches"/>).
    /// </summary>
    public bool Identical => ExpectedPages == ActualPages && DifferingPixels == 0 && Pages.All(p => p.SizeMatches);

    /// <summary>A one-line summary, e.g. "identical (2 pages)" or "2 vs 3 pages, 1234 differing pixels".</summary>
    public override string ToString() => Identical
        ? $"identical ({ExpectedPages} page(s))"
        : $"{ExpectedPages} vs {ActualPages} page(s), {DifferingPixels} differing pixel(s)";
}
