namespace FaxBox.LineInterface.Regions;

/// <summary>
/// When and how on-hook caller ID is sent relative to ringing (ETSI EN 300 659-1 §6.1, Telcordia GR-30-CORE §3).
/// </summary>
public enum CallerIdAlerting
{
    /// <summary>In the silent interval after the first ring (GR-30-CORE: ≥ 500 ms after the first ring ends;
    /// EN 300 659-1 §6.1.1 "data transmission during ringing"). No polarity reversal.</summary>
    AfterFirstRing,

    /// <summary>Before the first ring: line reversal, a dual-tone alerting signal (DT-AS, 2130 + 2750 Hz, 100 ms), then the
    /// data (EN 300 659-1 §6.1.2.1, BT SIN 227).</summary>
    LineReversalDtas,

    /// <summary>Before the first ring: a short ring-pulse alerting signal (RP-AS, 200–300 ms), then the data
    /// (EN 300 659-1 §6.1.2.2).</summary>
    RingPulse,

    /// <summary>Before the first ring: line reversal, then the data without a tone alert (DTMF CLIP, EN 300 659-1 Annex B).</summary>
    LineReversal,
}
