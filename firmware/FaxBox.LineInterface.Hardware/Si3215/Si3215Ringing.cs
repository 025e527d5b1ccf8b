namespace FaxBox.LineInterface.Hardware.Si3215;

/// <summary>
/// Ringing generator and digital gain arithmetic of the ProSLIC.
/// The ringing oscillator is a digital resonator updated at 1 kHz: RING_OSC = 2^15 · cos(2π·f / 1000 Hz) and
/// RING_X = ¼ · 2^15 · √((1 − c)/(1 + c)) · Vpk / 96 V, RING_Y = 0 for a sine starting at zero (Si3210 datasheet,
/// "Ringing Generation"; AN35). The coefficient formula is confirmed by the published 20 Hz value 0x7EFD/0x7EFE and the
/// 25 Hz value 0x7E6C; the 96 V full scale of the amplitude formula is as remembered from AN35 and not confirmed here —
/// measure the first board's ringing voltage before raising <see cref="Si3215Options.RingingPeakVolts"/>.
/// </summary>
public static class Si3215Ringing
{
    /// <summary>Ringing oscillator update rate.</summary>
    public const double OscillatorRateHz = 1000;

    /// <summary>Full-scale ringing voltage of RING_X (see the class remarks).</summary>
    public const double FullScaleVolts = 96;

    /// <summary>Lowest and highest ringing frequency accepted (ringers are specified from 15 to 68 Hz worldwide).</summary>
    public const double MinFrequencyHz = 15, MaxFrequencyHz = 68;

    /// <summary>RECV/XMIT_DIGITAL_GAIN value for 0 dB.</summary>
    public const ushort UnityDigitalGain = 0x4000;

    /// <summary>RING_OSC for a ringing frequency.</summary>
    public static ushort OscillatorCoefficient(double frequencyHz)
    {
        CheckFrequency(frequencyHz);
        return (ushort)Math.Round(32768 * Math.Cos(2 * Math.PI * frequencyHz / OscillatorRateHz));
    }

    /// <summary>RING_X for a ringing frequency and open-circuit peak voltage.</summary>
    public static ushort Amplitude(double frequencyHz, double peakVolts)
    {
        CheckFrequency(frequencyHz);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(peakVolts);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(peakVolts, FullScaleVolts);
        var c = Math.Cos(2 * Math.PI * frequencyHz / OscillatorRateHz);
        return (ushort)Math.Round(0.25 * 32768 * Math.Sqrt((1 - c) / (1 + c)) * peakVolts / FullScaleVolts);
    }

    /// <summary>The frequency a RING_OSC value produces (inverse of <see cref="OscillatorCoefficient"/>).</summary>
    public static double FrequencyOf(ushort coefficient) => Math.Acos(coefficient / 32768.0) * OscillatorRateHz / (2 * Math.PI);

    /// <summary>RECV/XMIT_DIGITAL_GAIN for a gain in dB: 0x4000 · 10^(dB/20), from −30 dB to +6 dB (0x7FFF is the largest value).</summary>
    public static ushort DigitalGain(double decibels)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(decibels, -30);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(decibels, 6);
        return (ushort)Math.Min(0x7FFF, Math.Round(UnityDigitalGain * Math.Pow(10, decibels / 20)));
    }

    private static void CheckFrequency(double frequencyHz)
    {
        if (frequencyHz is < MinFrequencyHz or > MaxFrequencyHz || double.IsNaN(frequencyHz))
        {
            throw new ArgumentOutOfRangeException(nameof(frequencyHz), frequencyHz, $"ringing frequency must be {MinFrequencyHz}–{MaxFrequencyHz} Hz");
        }
    }
}
