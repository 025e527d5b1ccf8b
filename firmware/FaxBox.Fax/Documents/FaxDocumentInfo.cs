namespace FaxBox.Fax.Documents;

/// <summary>The result of <see cref="FaxDocument.Inspect"/>: one entry per TIFF directory.</summary>
public sealed class FaxDocumentInfo
{
    internal FaxDocumentInfo(string path, IReadOnlyList<FaxPageInfo> pages)
    {
        Path = path;
        Pages = pages;
    }

    /// <summary>The inspected file.</summary>
    public string Path { get; }

    /// <summary>The pages in file order.</summary>
    public IReadOnlyList<FaxPageInfo> Pages { get; }

    /// <summary>True when every page can be sent as is.</summary>
    public bool IsSendable => Pages.All(p => p.IsSendable);

    /// <summary>Every page's reasons, prefixed "page n: " (1-based), in page order.</summary>
    public IReadOnlyList<string> Reasons =>
        [.. Pages.SelectMany(p => p.Reasons.Select(r => $"page {p.Index + 1}: {r}"))];
}
