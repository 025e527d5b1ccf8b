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

    /// <summary>
    /// Special information tone (E.180 §2.6, Q.35): three rising tones (950, 1400, 1800 Hz, 330 ms each, then 1 s of
    /// silence; Telcordia's North American SIT 913.8/1370.6/1776.7 Hz) telling the caller that the call failed for a
    /// reason other than busy or congestion, e.g. the number is unknown or has changed.
    /// </summary>
    Sit,
}
