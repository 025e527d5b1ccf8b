using System.Numerics;

namespace FaxBox.Fax.Managed.V29;

/// <summary>
/// ITU-T V.29 signal space: §2.2 Table 1 (phase change from Q2Q3Q4), Table 2/Figure 1 (relative amplitude from Q1 and
/// the absolute phase) and §3.3 Table 3 (the training signal elements A, B, C, D).
/// </summary>
internal static class V29Constellation
{
    /// <summary>Phase change in 45° steps for Q2Q3Q4 read as a 3-bit number, Q2 the most significant (Table 1, a Gray code).</summary>
    private static readonly int[] PhaseChangeOfTribit = [1, 0, 2, 3, 6, 7, 5, 4];

    /// <summary>The inverse of <see cref="PhaseChangeOfTribit"/>.</summary>
    private static readonly int[] TribitOfPhaseChange = [1, 0, 2, 3, 7, 6, 4, 5];

    public static int PhaseChange(int q2q3q4) => PhaseChangeOfTribit[q2q3q4];

    public static int Tribit(int phaseChange) => TribitOfPhaseChange[phaseChange & 7];

    /// <summary>The signal element at absolute phase <paramref name="phase"/> (45° steps); Q1 = 1 selects the outer ring (9600 bit/s only).</summary>
    public static Complex Point(int phase, int q1)
    {
        phase &= 7;
        if ((phase & 1) == 0)
        {
            double r = q1 == 0 ? 3 : 5;
            return phase switch
            {
                0 => new Complex(r, 0),
                2 => new Complex(0, r),
                4 => new Complex(-r, 0),
                _ => new Complex(0, -r),
            };
        }

        double d = q1 == 0 ? 1 : 3;
        return phase switch
        {
            1 => new Complex(d, d),
            3 => new Complex(-d, d),
            5 => new Complex(-d, -d),
            _ => new Complex(d, -d),
        };
    }

    /// <summary>Absolute phase (45° steps) of training elements A, B, C, D: 180°, 315°, 0°, 135° (Table 3).</summary>
    public const int PhaseA = 4;

    public const int PhaseB = 7;

    public const int PhaseC = 0;

    public const int PhaseD = 3;

    /// <summary>Training element at the given phase: at 9600 bit/s B and D lie on the 3√2 ring, at 7200 bit/s on the √2 ring (Table 3).</summary>
    public static Complex TrainingPoint(int phase, int bitRate) => Point(phase, (phase & 1) == 1 && bitRate == 9600 ? 1 : 0);

    /// <summary>Mean power of the data constellation.</summary>
    public static double MeanPower(int bitRate) => bitRate == 9600 ? 13.5 : 5.5;
}
