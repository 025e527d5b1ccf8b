namespace FaxBox.Fax.Documents;

/// <summary>What <see cref="FaxPdfExporter.Export"/> did.</summary>
public sealed class FaxPdfExportResult
{
    internal FaxPdfExportResult(int pages, int pagesEmbeddedAsIs)
    {
        Pages = pages;
        PagesEmbeddedAsIs = pagesEmbeddedAsIs;
    }

    /// <summary>Pages written.</summary>
    public int Pages { get; }

    /// <summary>Pages whose CCITT data were embedded from the TIFF without re-encoding.</summary>
    public int PagesEmbeddedAsIs { get; }
}
