namespace FaxBox.LineInterface.Simulated;

/// <summary>A virtual exchange line's call state.</summary>
public enum ExchangeLineState
{
    /// <summary>On-hook, no call.</summary>
    Idle,

    /// <summary>Off-hook, dial tone or digits being collected.</summary>
    Dialling,

    /// <summary>The caller hears ringback while the called line rings.</summary>
    Calling,

    /// <summary>This line is being rung.</summary>
    Alerting,

    /// <summary>Talking to the peer.</summary>
    Connected,

    /// <summary>Hearing busy or congestion, or cleared by the peer, until on-hook.</summary>
    Parked,
}
