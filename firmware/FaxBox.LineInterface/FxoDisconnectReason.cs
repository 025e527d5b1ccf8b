namespace FaxBox.LineInterface;

/// <summary>How an FXO port learned that the far end cleared (disconnect supervision).</summary>
public enum FxoDisconnectReason
{
    /// <summary>Loop current dropped for longer than <see cref="Ports.FxoPortOptions.LoopCurrentDropMinimum"/> (open-loop disconnect, "CPC").</summary>
    LoopCurrentDrop,

    /// <summary>The battery polarity reversed while off-hook after the call was set up (reversal clear).</summary>
    PolarityReversal,

    /// <summary>The region's busy tone was recognised on the line.</summary>
    BusyTone,

    /// <summary>The region's congestion tone was recognised on the line.</summary>
    CongestionTone,

    /// <summary>A special information tone (E.180 §2.6) was recognised on the line: the call cannot be completed.</summary>
    SpecialInformationTone,
}
