namespace FaxBox.Fax.Managed.Dsp;

/// <summary>Level conversions for 16-bit linear samples of a G.711 channel (ITU-T G.711: a full-scale sine is +3.14 dBm0).</summary>
internal static class Levels
{
    /// <summary>RMS of a 0 dBm0 signal.</summary>
    public static readonly double ZeroDbm0Rms = 32767.0 / Math.Sqrt(2) * Math.Pow(10, -3.14 / 20);

    /// <summary>Peak amplitude of a sine at <paramref name="dbm0"/>.</summary>
    public static double SinePeak(double dbm0) => ZeroDbm0Rms * Math.Sqrt(2) * Math.Pow(10, dbm0 / 20);

    /// <summary>Mean power (sample²) of a signal at <paramref name="dbm0"/>.</summary>
    public static double Power(double dbm0) => ZeroDbm0Rms * ZeroDbm0Rms * Math.Pow(10, dbm0 / 10);

    /// <summary>The level in dBm0 of a mean power (sample²).</summary>
    public static double Dbm0(double power) => power <= 0 ? double.NegativeInfinity : 10 * Math.Log10(power / (ZeroDbm0Rms * ZeroDbm0Rms));
}
