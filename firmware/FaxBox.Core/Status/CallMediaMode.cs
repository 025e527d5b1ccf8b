namespace FaxBox.Core.Status;

/// <summary>What a call's media path carries.</summary>
public enum CallMediaMode
{
    /// <summary>No media yet (setting up) or none any more.</summary>
    None,

    /// <summary>G.711 voice: adaptive jitter buffer.</summary>
    Voice,

    /// <summary>G.711 pass-through with fax adaptations: fixed jitter buffer, no VAD, no echo canceller, PCMU/PCMA only.</summary>
    G711Fax,

    /// <summary>T.38 relay over UDPTL.</summary>
    T38,
}
