namespace FaxBox.Fax.Documents;

/// <summary>The comparison of one page of two documents.</summary>
/// <param name="Index">Zero-based page index.</param>
/// <param name="ExpectedWidth">Width of the expected page, 0 when the expected document has no such page.</param>
/// <param name="ExpectedHeight">Height of the expected page, 0 when missing.</param>
/// <param name="ActualWidth">Width of the actual page, 0 when the actual document has no such page.</param>
/// <param name="ActualHeight">Height of the actual page, 0 when missing.</param>
/// <param name="DifferingPixels">
/// Pixels that differ. When the sizes differ (or a page is missing) every pixel of the larger page counts as
/// differing.
/// </param>
/// <param name="ResolutionMatches">True when both pages exist and have the same fax resolution class (±5 %).</param>
public sealed record PageComparison(
    int Index,
    int ExpectedWidth,
    int ExpectedHeight,
    int ActualWidth,
    int ActualHeight,
    long DifferingPixels,
    bool ResolutionMatches)
{
    /// <summary>True when both pages exist and have the same width and height.</summary>
    public bool SizeMatches => ExpectedWidth == ActualWidth && ExpectedHeight == ActualHeight && ExpectedWidth > 0;
}
