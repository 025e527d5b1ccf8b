namespace FaxBox.Fax.Managed.Dsp;

/// <summary>
/// Carrier detection with hysteresis for the QAM receivers (V.27ter, V.29, V.17): a carrier may start once the line
/// reaches −43 dBm0, and ends below −48 dBm0 or, once trained, 10 dB under the level seen at training; after an end
/// the line is ignored for 100 ms. Which receiver state counts as idle or trained stays with the receiver.
/// </summary>
internal sealed class CarrierGate
{
    /// <summary>Energy needed before a receiver looks for its training (dBm0).</summary>
    public const double OnDbm0 = -43;

    /// <summary>Energy below which the carrier is off (dBm0), hysteresis against <see cref="OnDbm0"/>.</summary>
    public const double OffDbm0 = -48;

    /// <summary>A drop of this much below the level at training ends the carrier even when noise stays above the thresholds.</summary>
    public const double DropDb = 10;

    /// <summary>After the carrier ends, the line is ignored for 100 ms (the far end's turn-off and filter tails).</summary>
    public const int HoldoffSamples = 800;

    private static readonly float OnPower = (float)LineLevel.PowerOf(OnDbm0);
    private static readonly float OffPower = (float)LineLevel.PowerOf(OffDbm0);

    private readonly PowerMeter _power = new(40);
    private int _holdoff;
    private float _dropPower;

    /// <summary>Measures one line sample; returns the line power the other calls take.</summary>
    public float Update(float sample) => _power.Update(sample);

    /// <summary>For an idle receiver: true when a carrier starts at this power (never during the hold-off).</summary>
    public bool Starts(float power)
    {
        if (_holdoff > 0)
        {
            _holdoff--;
            return false;
        }

        return power >= OnPower;
    }

    /// <summary>For an active receiver: true when the carrier has ended at this power.</summary>
    public bool Ended(float power, bool trained) => power < OffPower || (trained && power < _dropPower);

    /// <summary>Remembers the line power at training, the reference for the relative drop.</summary>
    public void SetTrainedLevel(float linePower) => _dropPower = linePower / (float)Math.Pow(10, DropDb / 10);

    /// <summary>Starts the hold-off after a carrier ended.</summary>
    public void StartHoldoff() => _holdoff = HoldoffSamples;
}
