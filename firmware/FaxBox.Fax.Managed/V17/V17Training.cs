using FaxBox.Fax.Managed.Dsp;

namespace FaxBox.Fax.Managed.V17;

/// <summary>
/// The V.17 training sequences (ITU-T V.17 Table 3 layout). Long: segment 1, 256 alternations of B and A; segment 2,
/// 2976 elements of the equaliser conditioning pattern of A, B, C, D chosen by dibits of scrambled binary ones;
/// segment 3, the 64-element bridge; segment 4, 48 symbols of scrambled binary ones trellis coded at the data rate.
/// Short (sent after a long one, before each page): segment 1, segment 2 cut to 38 elements, and segment 4 straight
/// after it, with no bridge.
/// <para>
/// Sources: the segment lengths are the recommendation's. The dibit-to-element rule of segment 2, the scrambler contents
/// at the start of segments 2 and 4 and the 64 elements of the long training's bridge were read empirically off
/// libspandsp 0.0.6's transmitted signal (a black box; its source was not used): the segment 2 elements satisfy the
/// 1 + x^-18 + x^-23 recurrence with binary ones in for exactly one dibit mapping, which fixes the scrambler contents;
/// the bridge's elements are the same at every rate but did not fit a simple rule, so they are a table here.
/// The short training was read the same way off spandsp's transmitter restarted with <c>short_train</c> = 1, at every
/// rate: its 38 segment 2 elements are the long training's first 38; the symbols after them are no longer training
/// elements but trellis-coded scrambled ones (a receiver trains on them with no bridge at all, at no other offset);
/// solving the scrambled bits they carry for the scrambler contents gives the segment 2 scrambler carried straight
/// on (<see cref="Segment4SeedShort"/>), and the first symbol's Y1Y2 (Q1Q2 = 00 there) gives the previous Y1Y2 of 2.
/// </para>
/// </summary>
internal static class V17Training
{
    /// <summary>Segment 1: alternations of B and A (ending on A).</summary>
    public const int Segment1 = 256;

    /// <summary>Segment 2 of the long training.</summary>
    public const int Segment2Long = 2976;

    /// <summary>Segment 2 of the short training.</summary>
    public const int Segment2Short = 38;

    /// <summary>Segment 3 of the long training: the bridge.</summary>
    public const int Segment3 = 64;

    /// <summary>Segment 4: scrambled binary ones, trellis coded at the data rate.</summary>
    public const int Segment4 = 48;

    /// <summary>Scrambler contents at the start of segment 2 (bit 0 the most recent bit).</summary>
    public const uint Segment2Seed = 0x2E_CDD5;

    /// <summary>Scrambler contents at the start of segment 4 of the long training (bit 0 the most recent bit).</summary>
    public const uint Segment4Seed = 0x77_25D1;

    /// <summary>
    /// Scrambler contents at the start of segment 4 of the short training: the segment 2 scrambler after its 38 elements
    /// (76 scrambled ones from <see cref="Segment2Seed"/>), carried on.
    /// </summary>
    public const uint Segment4SeedShort = 0x2A_2200;

    /// <summary>Y1Y2 before the first symbol of segment 4 of the long training (the encoder starts segment 4 in state 0).</summary>
    public const int Segment4PreviousY = 1;

    /// <summary>Y1Y2 before the first symbol of segment 4 of the short training (the encoder starts it in state 0 too).</summary>
    public const int Segment4PreviousYShort = 2;

    /// <summary>Element index k (A·j^k) of segment 2 from a dibit (first scrambled bit the higher): 10 → A, 00 → A·j, 01 → C, 11 → B.</summary>
    private static readonly int[] ElementOfDibit = [1, 2, 0, 3];

    /// <summary>The long training's bridge, element indices k (A·j^k).</summary>
    private static readonly byte[] BridgeLong =
    [
        0, 0, 1, 2, 2, 3, 2, 0, 3, 1, 3, 2, 3, 1, 2, 0, 1, 3, 3, 1, 2, 3, 2, 1, 0, 1, 0, 1, 0, 0, 3, 1,
        0, 2, 1, 1, 3, 2, 1, 0, 1, 2, 2, 1, 3, 1, 1, 1, 3, 2, 1, 3, 2, 1, 1, 0, 1, 3, 3, 3, 2, 2, 3, 3,
    ];

    /// <summary>Segment 2 length for the training kind.</summary>
    public static int Segment2(bool shortTraining) => shortTraining ? Segment2Short : Segment2Long;

    /// <summary>Segment 3 (bridge) length for the training kind: the short training has none.</summary>
    public static int Bridge(bool shortTraining) => shortTraining ? 0 : Segment3;

    /// <summary>Scrambler contents at the start of segment 4 for the training kind.</summary>
    public static uint Segment4ScramblerSeed(bool shortTraining) => shortTraining ? Segment4SeedShort : Segment4Seed;

    /// <summary>Y1Y2 before segment 4 for the training kind.</summary>
    public static int Segment4PreviousYFor(bool shortTraining) => shortTraining ? Segment4PreviousYShort : Segment4PreviousY;

    /// <summary>A scrambler loaded for the start of segment 2.</summary>
    public static Scrambler NewPatternScrambler()
    {
        var scrambler = Scrambler.V17V29();
        scrambler.Load(Segment2Seed);
        return scrambler;
    }

    /// <summary>The next segment 2 element index k (A·j^k) from two scrambled binary ones.</summary>
    public static int NextPatternIndex(Scrambler scrambler)
    {
        int first = scrambler.Scramble(1);
        int second = scrambler.Scramble(1);
        return ElementOfDibit[(first << 1) | second];
    }

    /// <summary>Element index k of bridge symbol <paramref name="index"/> (0..63).</summary>
    public static int Bridge(int index) => BridgeLong[index];

    /// <summary>The element indices of segments 2 and 3 in order (segment 2 alone for the short training).</summary>
    public static int[] Pattern(bool shortTraining)
    {
        int segment2 = Segment2(shortTraining);
        int bridge = Bridge(shortTraining);
        var pattern = new int[segment2 + bridge];
        var scrambler = NewPatternScrambler();
        for (int i = 0; i < segment2; i++)
        {
            pattern[i] = NextPatternIndex(scrambler);
        }

        for (int i = 0; i < bridge; i++)
        {
            pattern[segment2 + i] = Bridge(i);
        }

        return pattern;
    }
}
