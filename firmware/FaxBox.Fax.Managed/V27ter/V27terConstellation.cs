using System.Numerics;

namespace FaxBox.Fax.Managed.V27ter;

/// <summary>
/// ITU-T V.27ter signal coding (§2.3): 4800 bit/s tribits as eight-phase differential PSK (Table 1, a Gray code),
/// 2400 bit/s dibits as four-phase differential PSK (Table 2). Phases are counted in 45° steps.
/// </summary>
internal static class V27terConstellation
{
    /// <summary>Phase change (45° steps) for Q1Q2Q3 read as a 3-bit number, Q1 (first in time) the most significant.</summary>
    private static readonly int[] PhaseChangeOfTribit = [1, 0, 2, 3, 6, 7, 5, 4];

    private static readonly int[] TribitOfPhaseChange = [1, 0, 2, 3, 7, 6, 4, 5];

    /// <summary>Phase change (45° steps) for dibit Q1Q2: 00 → 0°, 01 → 90°, 11 → 180°, 10 → 270°.</summary>
    private static readonly int[] PhaseChangeOfDibit = [0, 2, 6, 4];

    private static readonly int[] DibitOfPhaseChange = [0, 0, 1, 1, 3, 3, 2, 2];

    private static readonly Complex[] Points = [.. Enumerable.Range(0, 8).Select(p => Complex.FromPolarCoordinates(1, p * Math.PI / 4))];

    public static int PhaseChange(int bits, int bitRate) => bitRate == 4800 ? PhaseChangeOfTribit[bits] : PhaseChangeOfDibit[bits];

    /// <summary>The bits for a phase change (for 2400 bit/s the change is rounded down to a multiple of 90°).</summary>
    public static int Bits(int phaseChange, int bitRate) => bitRate == 4800 ? TribitOfPhaseChange[phaseChange & 7] : DibitOfPhaseChange[phaseChange & 7];

    /// <summary>The unit-amplitude signal element at the given absolute phase.</summary>
    public static Complex Point(int phase) => Points[phase & 7];
}
