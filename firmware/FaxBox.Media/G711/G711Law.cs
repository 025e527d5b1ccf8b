namespace FaxBox.Media.G711;

/// <summary>The two companding laws of ITU-T G.711.</summary>
public enum G711Law
{
    /// <summary>A-law, G.711 Table 1 (PCMA, RTP static payload type 8).</summary>
    ALaw = 0,

    /// <summary>µ-law, G.711 Table 2 (PCMU, RTP static payload type 0).</summary>
    MuLaw = 1,
}
