namespace FaxBox.Fax.SpanDsp.Tests.Audio;

/// <summary>How test audio is passed between generator and receiver.</summary>
public enum Companding
{
    Linear,
    ALaw,
    MuLaw,
}
