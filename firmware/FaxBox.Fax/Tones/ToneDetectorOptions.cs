namespace FaxBox.Fax.Tones;

/// <summary>Which tones a detector listens for.</summary>
public sealed class ToneDetectorOptions
{
    /// <summary>CNG (calling side is a fax). Default on.</summary>
    public bool Cng { get; init; } = true;

    /// <summary>CED/ANS and its variants ANS/PR, ANSam, ANSam/PR. Default on.</summary>
    public bool Answer { get; init; } = true;

    /// <summary>The V.21 preamble (answering fax without CED, or a fax after CED). Default on.</summary>
    public bool V21Preamble { get; init; } = true;
}
