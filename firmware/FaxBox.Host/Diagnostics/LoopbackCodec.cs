namespace FaxBox.Host.Diagnostics;

/// <summary>What the audio legs of a loopback call pass through.</summary>
public enum LoopbackCodec
{
    /// <summary>16-bit linear, untouched.</summary>
    Linear,

    /// <summary>A G.711 A-law encode and decode on every audio leg.</summary>
    ALaw,

    /// <summary>A G.711 µ-law encode and decode on every audio leg.</summary>
    MuLaw,
}
