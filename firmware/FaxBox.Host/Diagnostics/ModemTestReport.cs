namespace FaxBox.Host.Diagnostics;

/// <summary>What a bit-error-rate run measured (written as JSON by <c>faxbox fax modem-test --json</c>).</summary>
public sealed record ModemTestReport
{
    public required string Modem { get; init; }

    public required int BitRate { get; init; }

    /// <summary>"managed", "native" or "none".</summary>
    public required string Tx { get; init; }

    public required string Rx { get; init; }

    public required string Codec { get; init; }

    public required double LevelDbm0 { get; init; }

    public double? SnrDb { get; init; }

    /// <summary>The white-noise level actually added, in dBm0 (from --noise or --snr), or null.</summary>
    public double? NoiseDbm0 { get; init; }

    public required double FreqOffsetHz { get; init; }

    public required double ClockPpm { get; init; }

    public required int Seed { get; init; }

    /// <summary>Pattern bits sent (0 with --tx none).</summary>
    public required long Bits { get; init; }

    /// <summary>Pattern bits received wrong or never received (all of them when the pattern was never found).</summary>
    public required long BitErrors { get; init; }

    public required double Ber { get; init; }

    /// <summary>Times the receiver inserted or dropped bits and the counter re-aligned (their bits are in <see cref="BitErrors"/>).</summary>
    public required int Slips { get; init; }

    /// <summary>Bits inserted or dropped by those slips, in all.</summary>
    public required long SlippedBits { get; init; }

    /// <summary>True when the start of the pattern was found in the received bits.</summary>
    public required bool Synchronized { get; init; }

    /// <summary>At least one training succeeded (for V.21, which has none: carrier was detected).</summary>
    public required bool TrainingSucceeded { get; init; }

    public required int TrainingFailures { get; init; }

    public required int CarrierUps { get; init; }

    public required int CarrierDowns { get; init; }

    /// <summary>The receiver's signal-quality estimate (dB) midway through the data, or null when it has none.</summary>
    public double? QualityDb { get; init; }

    /// <summary>"no signal" when the receiver never reported carrier or training, else "carrier" or "trained".</summary>
    public required string Signal { get; init; }

    /// <summary>With --tx none: true when the receiver reported carrier or training on noise alone.</summary>
    public bool? FalseCarrier { get; init; }

    /// <summary>Bits the receiver delivered.</summary>
    public required long BitsDelivered { get; init; }

    public required double SimulatedSeconds { get; init; }
}
