namespace FaxBox.FaxServer.Documents;

/// <summary>The kinds of file <see cref="DocumentIntake"/> accepts, recognised by their content (never the name).</summary>
public enum DocumentType
{
    /// <summary>PDF (ISO 32000): "%PDF-" within the first 1024 bytes.</summary>
    Pdf = 1,

    /// <summary>TIFF 6.0 or BigTIFF: "II*\0", "MM\0*", "II+\0" or "MM\0+".</summary>
    Tiff = 2,

    /// <summary>PNG: the eight-byte signature 89 50 4E 47 0D 0A 1A 0A.</summary>
    Png = 3,

    /// <summary>JPEG (JFIF, Exif): SOI marker FF D8 followed by another marker.</summary>
    Jpeg = 4,
}
