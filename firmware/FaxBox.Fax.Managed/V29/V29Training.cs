namespace FaxBox.Fax.Managed.V29;

/// <summary>Lengths of the V.29 synchronizing signal segments in symbol intervals (ITU-T V.29 §3.3).</summary>
internal static class V29Training
{
    /// <summary>Segment 1: no transmitted energy.</summary>
    public const int Segment1 = 48;

    /// <summary>Segment 2: alternations of A and B.</summary>
    public const int Segment2 = 128;

    /// <summary>Segment 3: equaliser conditioning pattern of C and D chosen by 1 + x^-6 + x^-7, initial state 0101010.</summary>
    public const int Segment3 = 384;

    /// <summary>Segment 4: scrambled binary ones.</summary>
    public const int Segment4 = 48;

    /// <summary>Initial state of the segment 3 generator.</summary>
    public const int Segment3Seed = 0b0101010;

    /// <summary>
    /// Steps the segment 3 generator (1 + x^-6 + x^-7); 0 selects C and 1 selects D. The sequence begins with the
    /// initial state itself (s0..s6 = 0101010, s0 in bit 6), then s(n+7) = s(n+1) ⊕ s(n).
    /// </summary>
    public static int NextConditioningBit(ref int register)
    {
        int output = (register >> 6) & 1;
        int next = ((register >> 5) ^ (register >> 6)) & 1;
        register = ((register << 1) | next) & 0x7F;
        return output;
    }
}
