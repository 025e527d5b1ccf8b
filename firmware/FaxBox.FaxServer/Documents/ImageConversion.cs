namespace FaxBox.FaxServer.Documents;

/// <summary>How greyscale and colour pictures (PNG, JPEG, colour TIFF) become black and white.</summary>
public enum ImageConversion
{
    /// <summary>
    /// Fixed threshold: a pixel is black when the area it covers is darker than <see cref="DocumentIntakeOptions.Threshold"/>.
    /// Best for scanned text, forms and screenshots (what a fax machine calls "text" mode).
    /// </summary>
    Threshold = 1,

    /// <summary>Floyd–Steinberg error diffusion: keeps photographs recognisable at the cost of grainy text.</summary>
    Dither = 2,
}
