namespace FaxBox.Fax.Managed.V27ter;

/// <summary>
/// The V.27ter synchronizing signal (Table 3/V.27ter, which T.4 §5.1 cites) as fax sends it (no echo-protection tone,
/// no silent segment), in symbol intervals. The same lengths at 4800 and 2400 bit/s: long 50 + 1074 + 8 (708 ms at
/// 1600 baud, 943 ms at 1200), short 14 + 58 + 8 (50 ms, 67 ms), the short one for a receiver that kept its equaliser.
/// </summary>
internal static class V27terTraining
{
    /// <summary>Segment 3: continuous 180° phase reversals, long training.</summary>
    public const int ReversalsLong = 50;

    /// <summary>Segment 3 in a short training.</summary>
    public const int ReversalsShort = 14;

    /// <summary>Segment 4: the two-phase equaliser conditioning pattern, long training.</summary>
    public const int ConditioningLong = 1074;

    /// <summary>Segment 4 in a short training.</summary>
    public const int ConditioningShort = 58;

    /// <summary>Segment 5: scrambled binary ones.</summary>
    public const int ScrambledOnes = 8;
}
