using FaxBox.Fax.Managed.Dsp;

namespace FaxBox.Fax.Managed.V17;

/// <summary>
/// Lengths of the V.17 training segments in symbol intervals (ITU-T V.17 §2.5 Table 3 layout: segment 1 ABAB,
/// segment 2 the equaliser conditioning pattern from the scrambler, segment 3 the bridge, segment 4 scrambled ones at
/// the data rate) and the segment 2/3 pattern.
/// <para>
/// The segment 2 dibit-to-element rule used here (two scrambled ones per symbol select A·j^k, k = 2·first + second) and
/// the scrambler's load at the start of segment 2 are this implementation's own choice: the recommendation's text for
/// them was not available. Segment 3 continues the same known pattern.
/// </para>
/// </summary>
internal static class V17Training
{
    /// <summary>Segment 1: alternations of A and B.</summary>
    public const int Segment1 = 256;

    /// <summary>Segment 2 of the long training.</summary>
    public const int Segment2Long = 2976;

    /// <summary>Segment 2 of the short training.</summary>
    public const int Segment2Short = 38;

    /// <summary>Segment 3: the bridge.</summary>
    public const int Segment3 = 64;

    /// <summary>Segment 4: scrambled binary ones, trellis coded at the data rate.</summary>
    public const int Segment4 = 48;

    /// <summary>Scrambler contents at the start of segment 2 (chosen so that the pattern breaks the ABAB rhythm at once).</summary>
    public const uint Segment2Seed = 0x2D_B6D5;

    /// <summary>Segment 2 length for the training kind.</summary>
    public static int Segment2(bool shortTraining) => shortTraining ? Segment2Short : Segment2Long;

    /// <summary>A scrambler loaded for the start of segment 2.</summary>
    public static Scrambler NewPatternScrambler()
    {
        var scrambler = Scrambler.V17V29();
        scrambler.Load(Segment2Seed);
        return scrambler;
    }

    /// <summary>The next segment 2/3 element index k (A·j^k) from two scrambled binary ones.</summary>
    public static int NextPatternIndex(Scrambler scrambler)
    {
        int first = scrambler.Scramble(1);
        int second = scrambler.Scramble(1);
        return (first << 1) | second;
    }
}
