namespace FaxBox.LineInterface.Ports;

/// <summary>Where an FXS port's ringing sequence is (ETSI EN 300 659-1 §6.1 for the caller-ID phases).</summary>
internal enum RingPhase
{
    /// <summary>Not ringing.</summary>
    Idle,

    /// <summary>Line reversed before the alert or data (EN 300 659-1 §6.1.2: ≥ 100 ms before DT-AS).</summary>
    Reversal,

    /// <summary>DT-AS tone or RP-AS ring pulse.</summary>
    Alert,

    /// <summary>Silence between the alert and the data.</summary>
    AlertGap,

    /// <summary>Caller-ID data on the line.</summary>
    Data,

    /// <summary>Silence after the data before the first ring (≥ 200 ms).</summary>
    PostData,

    /// <summary>The ring cadence (with caller ID in its first silent interval for <see cref="Regions.CallerIdAlerting.AfterFirstRing"/>).</summary>
    Ringing,
}
