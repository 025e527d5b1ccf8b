namespace FaxBox.FaxServer.Routing;

/// <summary>How a received fax is attached to an e-mail.</summary>
public enum FaxAttachmentFormat
{
    /// <summary>PDF 1.4 with the fax's own G3/G4 data embedded (FaxPdfExporter): what people open.</summary>
    Pdf,

    /// <summary>The received TIFF-F as stored: for document systems that expect fax TIFFs.</summary>
    Tiff,
}
