namespace FaxBox.LineInterface;

/// <summary>The polarity of the battery feed on the loop, as seen from the terminal.</summary>
public enum LinePolarity
{
    /// <summary>Normal battery: RING negative with respect to TIP.</summary>
    Forward,

    /// <summary>Reversed battery: used for answer and clear supervision and to announce on-hook caller ID (ETSI EN 300 659-1 §6).</summary>
    Reverse,
}
