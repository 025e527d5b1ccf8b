namespace FaxBox.LineInterface;

/// <summary>Audible call-progress tones of ITU-T E.180 §2 (the frequencies and cadences are regional: <see cref="Regions.LineRegion"/>).</summary>
public enum CallProgressTone
{
    /// <summary>No tone.</summary>
    None,

    /// <summary>Dial tone (E.180 §2.1): the exchange is ready for digits.</summary>
    Dial,

    /// <summary>Ringing tone, "ringback" (E.180 §2.2): the called party is being rung.</summary>
    Ringback,

    /// <summary>Busy tone (E.180 §2.3): the called party is engaged; also played after the far end clears in many networks.</summary>
    Busy,

    /// <summary>Congestion tone, "reorder" (E.180 §2.4): the network cannot complete the call.</summary>
    Congestion,
}
