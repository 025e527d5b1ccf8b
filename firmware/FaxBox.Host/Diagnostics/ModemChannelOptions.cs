namespace FaxBox.Host.Diagnostics;

/// <summary>The impairments of a <see cref="ModemChannel"/>, applied in this order: gain, frequency offset, sample-clock
/// offset, white noise, G.711.</summary>
public sealed record ModemChannelOptions
{
    /// <summary>Gain of the line in dB (negative = loss). Default 0.</summary>
    public double GainDb { get; init; }

    /// <summary>
    /// Signal-to-noise ratio in dB over the whole 0–4 kHz band, relative to <see cref="SignalLevelDbm0"/> plus
    /// <see cref="GainDb"/>. Default null (no noise from SNR). Exclusive with <see cref="NoiseDbm0"/>.
    /// </summary>
    public double? SnrDb { get; init; }

    /// <summary>Absolute white-noise level in dBm0. Default null (no noise). Exclusive with <see cref="SnrDb"/>.</summary>
    public double? NoiseDbm0 { get; init; }

    /// <summary>The nominal level of the signal entering the channel, in dBm0, used as the reference of <see cref="SnrDb"/>. Default −13.</summary>
    public double SignalLevelDbm0 { get; init; } = -13;

    /// <summary>What the channel ends in: linear, or a G.711 A-law/µ-law encode and decode. Default linear.</summary>
    public LoopbackCodec Codec { get; init; } = LoopbackCodec.Linear;

    /// <summary>Shift of every frequency in Hz (a carrier offset as from an FDM channel). Default 0.</summary>
    public double FrequencyOffsetHz { get; init; }

    /// <summary>How much faster, in parts per million, the sender's sample clock runs than the receiver's. Default 0.</summary>
    public double ClockPpm { get; init; }

    /// <summary>Seed of the noise generator: the same seed gives the same noise. Default 1.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>The noise level in dBm0 these options ask for, or null for none.</summary>
    public double? EffectiveNoiseDbm0 => NoiseDbm0 ?? (SnrDb is { } snr ? SignalLevelDbm0 + GainDb - snr : null);

    /// <summary>Throws <see cref="ArgumentException"/> naming the first option out of range.</summary>
    public void Validate()
    {
        if (SnrDb is not null && NoiseDbm0 is not null)
        {
            throw new ArgumentException("give either an SNR or a noise level, not both");
        }

        Check(GainDb, -60, 20, "gain", "dB");
        Check(SnrDb ?? 0, -20, 100, "SNR", "dB");
        Check(NoiseDbm0 ?? -60, -100, 3, "noise level", "dBm0");
        Check(SignalLevelDbm0, -60, 0, "signal level", "dBm0");
        Check(FrequencyOffsetHz, -50, 50, "frequency offset", "Hz");
        Check(ClockPpm, -1000, 1000, "clock offset", "ppm");
    }

    private static void Check(double value, double min, double max, string what, string unit)
    {
        if (double.IsNaN(value) || value < min || value > max)
        {
            throw new ArgumentException($"{what} {value} {unit} is outside {min} … {max} {unit}");
        }
    }
}
