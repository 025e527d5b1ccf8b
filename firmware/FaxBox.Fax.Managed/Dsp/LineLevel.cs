namespace FaxBox.Fax.Managed.Dsp;

/// <summary>Conversions between dBm0 and 16-bit linear sample values (ITU-T G.711: a 0 dBm0 sine peaks 3.14 dB below full scale).</summary>
internal static class LineLevel
{
    /// <summary>Full-scale sine power above 0 dBm0 for A-law (G.711 Table 1a, +3.14 dBm0).</summary>
    public const double OverloadDbm0 = 3.14;

    /// <summary>The RMS sample value of a signal at <paramref name="dbm0"/>.</summary>
    public static double RmsOf(double dbm0) => 32768.0 * Math.Pow(10, (dbm0 - OverloadDbm0) / 20) / Math.Sqrt(2);

    /// <summary>The mean square sample value (power) of a signal at <paramref name="dbm0"/>.</summary>
    public static double PowerOf(double dbm0)
    {
        double rms = RmsOf(dbm0);
        return rms * rms;
    }

    /// <summary>The level in dBm0 of a mean square sample value.</summary>
    public static double Dbm0Of(double power) => power <= 0 ? double.NegativeInfinity : 10 * Math.Log10(power / PowerOf(0));
}
