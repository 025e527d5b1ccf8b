using FaxBox.Fax;
using FaxBox.Fax.Documents;

namespace FaxBox.FaxServer.Documents;

/// <summary>Limits and choices of <see cref="DocumentIntake"/> (config section <c>FaxBox:FaxServer:Documents</c>).</summary>
public sealed class DocumentIntakeOptions
{
    /// <summary>Largest accepted file in bytes. Default 20 MiB.</summary>
    public long MaxFileBytes { get; set; } = 20L * 1024 * 1024;

    /// <summary>Largest accepted total of a job's files in bytes. Default 50 MiB.</summary>
    public long MaxJobBytes { get; set; } = 50L * 1024 * 1024;

    /// <summary>Most pages a job may have (all files together, without the cover page). Default 200.</summary>
    public int MaxPages { get; set; } = 200;

    /// <summary>
    /// Fax resolution of the output: <see cref="FaxResolution.Fine"/> (204 × 196 dpi) or
    /// <see cref="FaxResolution.Standard"/> (204 × 98 dpi). Default Fine, which every G3 machine receives.
    /// </summary>
    public FaxResolution Resolution { get; set; } = FaxResolution.Fine;

    /// <summary>Coding of the output TIFF-F (MH, MR or MMR as FaxNormalizer writes it). Default T.4 2-D (MR).</summary>
    public FaxCompression Compression { get; set; } = FaxCompression.T4TwoDimensional;

    /// <summary>Paper that PDF pages and images are fitted to. Default A4.</summary>
    public PaperSize PaperSize { get; set; } = PaperSize.A4;

    /// <summary>How pictures become black and white. Default <see cref="ImageConversion.Threshold"/> (sharp text).</summary>
    public ImageConversion ImageConversion { get; set; } = ImageConversion.Threshold;

    /// <summary>
    /// Luminance (0 = black … 255 = white) below which an area is black with <see cref="ImageConversion.Threshold"/>.
    /// Default 160: above mid-grey, so that thin strokes thinned by reduction stay black while paper grey stays white.
    /// </summary>
    public int Threshold { get; set; } = 160;

    /// <summary>Ghostscript executable (Debian package <c>ghostscript</c>). Default "gs", looked up on PATH.</summary>
    public string GhostscriptPath { get; set; } = "gs";

    /// <summary>Wall-time limit of one Ghostscript run; it is killed when over. Default 60 s.</summary>
    public TimeSpan GhostscriptTimeLimit { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Smallest accepted image side in pixels (an icon is not a document). Default 100.</summary>
    public int MinImageSide { get; set; } = 100;

    /// <summary>Largest accepted ratio of an image's long side to its short side. Default 20.</summary>
    public double MaxImageAspectRatio { get; set; } = 20;

    /// <summary>
    /// Largest accepted image in pixels (width × height) before it is decoded, so that a small file that inflates to
    /// gigabytes (a decompression bomb) is refused. Default 60 million (a Letter page scanned at 600 dpi in colour is 34 million).
    /// </summary>
    public long MaxImagePixels { get; set; } = 60_000_000;

    /// <summary>Folder for intermediate files; default null = the system temporary folder.</summary>
    public string? WorkFolder { get; set; }

    /// <summary>Throws when an option is out of range, naming it.</summary>
    internal void Validate()
    {
        if (MaxFileBytes <= 0 || MaxJobBytes <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxFileBytes), "MaxFileBytes and MaxJobBytes must be positive");
        }

        if (MaxPages is < 1 or > 10000)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxPages), "MaxPages must be 1..10000");
        }

        if (Resolution is not (FaxResolution.Fine or FaxResolution.Standard))
        {
            throw new ArgumentOutOfRangeException(nameof(Resolution), "Resolution must be Fine or Standard");
        }

        if (Compression is not (FaxCompression.T4OneDimensional or FaxCompression.T4TwoDimensional or FaxCompression.T6))
        {
            throw new ArgumentOutOfRangeException(nameof(Compression), "Compression must be T4OneDimensional (MH), T4TwoDimensional (MR) or T6 (MMR)");
        }

        if (!Enum.IsDefined(PaperSize) || !Enum.IsDefined(ImageConversion))
        {
            throw new ArgumentOutOfRangeException(nameof(PaperSize), "PaperSize must be A4 or Letter and ImageConversion Threshold or Dither");
        }

        if (Threshold is < 1 or > 254)
        {
            throw new ArgumentOutOfRangeException(nameof(Threshold), "Threshold must be 1..254");
        }

        if (GhostscriptTimeLimit <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(GhostscriptTimeLimit), "GhostscriptTimeLimit must be positive");
        }

        if (MinImageSide < 1 || MaxImageAspectRatio < 1 || MaxImagePixels < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(MinImageSide), "MinImageSide, MaxImageAspectRatio and MaxImagePixels must be positive");
        }
    }
}
