namespace FaxBox.Fax.CallerId;

/// <summary>On-hook caller-ID signalling standards.</summary>
public enum CallerIdStandard
{
    /// <summary>Bell 202 FSK, Telcordia GR-30 (North America: "CLASS").</summary>
    Bell202,

    /// <summary>ITU-T V.23 FSK per ETSI EN 300 659 (most of Europe, UK, Australia: "CLIP").</summary>
    EtsiV23,

    /// <summary>DTMF caller ID per ETSI EN 300 659-1 Annex B (Netherlands, Denmark, Finland and others).</summary>
    Dtmf,

    /// <summary>Japanese V.23 FSK (NTT "J-CLIP").</summary>
    JapanV23,
}
