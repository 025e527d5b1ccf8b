namespace FaxBox.Fax.Documents;

/// <summary>What <see cref="FaxNormalizer"/> did.</summary>
public sealed class FaxNormalizationResult
{
    internal FaxNormalizationResult(IReadOnlyList<string> pageActions, int pagesCopiedRaw)
    {
        PageActions = pageActions;
        PagesCopiedRaw = pagesCopiedRaw;
    }

    /// <summary>One line per page, e.g. "page 1: 1700x2200 200x200 dpi -> padded to 1728, re-encoded".</summary>
    public IReadOnlyList<string> PageActions { get; }

    /// <summary>Pages whose compressed strips were copied without re-encoding.</summary>
    public int PagesCopiedRaw { get; }
}
