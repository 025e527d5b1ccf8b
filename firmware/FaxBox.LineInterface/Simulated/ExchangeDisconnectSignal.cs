namespace FaxBox.LineInterface.Simulated;

/// <summary>How the virtual exchange tells a subscriber that the other party cleared.</summary>
public enum ExchangeDisconnectSignal
{
    /// <summary>Open the loop for <see cref="VirtualExchangeOptions.OpenLoopDuration"/> (open-loop disconnect, "CPC").</summary>
    LoopCurrentDrop,

    /// <summary>Reverse the battery polarity (reversal clear).</summary>
    PolarityReversal,

    /// <summary>Play busy tone until the subscriber hangs up.</summary>
    BusyTone,
}
