namespace FaxBox.FaxServer.Documents;

/// <summary>The paper a PDF page or an image is fitted to (the fax page is always 1728 pixels, 215 mm, wide).</summary>
public enum PaperSize
{
    /// <summary>ISO A4, 210 × 297 mm: the fax page is 297 mm long.</summary>
    A4 = 1,

    /// <summary>US Letter, 8.5 × 11 in: the fax page is 279.4 mm long.</summary>
    Letter = 2,
}
