namespace FaxBox.LineInterface.Signalling;

/// <summary>
/// Levels on the 16-bit linear scale of the box: 0 dBm0 is a sine of peak 32767 × 10^(−3.14/20), the ITU-T G.711
/// convention that the maximum μ-law sine is +3.14 dBm0 (as spandsp's DBM0_MAX_POWER).
/// </summary>
internal static class Dbm0
{
    /// <summary>The level of a full-scale sine in dBm0.</summary>
    public const double FullScaleSine = 3.14;

    /// <summary>The peak amplitude of a sine at <paramref name="dbm0"/>.</summary>
    public static double SinePeak(double dbm0) => 32767.0 * Math.Pow(10, (dbm0 - FullScaleSine) / 20.0);

    /// <summary>The mean power (mean square, in linear units squared) of a signal at <paramref name="dbm0"/>.</summary>
    public static double MeanSquare(double dbm0)
    {
        var peak = SinePeak(dbm0);
        return peak * peak / 2.0;
    }

    /// <summary>The level in dBm0 of a mean square.</summary>
    public static double FromMeanSquare(double meanSquare) =>
        meanSquare <= 0 ? double.NegativeInfinity : 10 * Math.Log10(meanSquare / MeanSquare(0));
}
