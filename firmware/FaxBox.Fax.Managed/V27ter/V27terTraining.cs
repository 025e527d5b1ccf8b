namespace FaxBox.Fax.Managed.V27ter;

/// <summary>The V.27ter synchronizing signal (§2.7, Table 3) as fax sends it (no echo-protection tone), in symbol intervals.</summary>
internal static class V27terTraining
{
    /// <summary>Segment 3: continuous 180° phase reversals.</summary>
    public const int Reversals = 50;

    /// <summary>Segment 4: the two-phase equaliser conditioning pattern, long training.</summary>
    public const int ConditioningLong = 1074;

    /// <summary>Segment 4 in a short training.</summary>
    public const int ConditioningShort = 58;

    /// <summary>Segment 5: scrambled binary ones.</summary>
    public const int ScrambledOnes = 8;
}
