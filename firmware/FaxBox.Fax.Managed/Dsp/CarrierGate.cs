namespace FaxBox.Fax.Managed.Dsp;

/// <summary>
/// Carrier detection with hysteresis for the QAM receivers (V.27ter, V.29, V.17): a carrier may start once the line
/// reaches the "on" level (−43 dBm0 unless the receiver asks for another), and ends below −48 dBm0 or, once trained,
/// 10 dB under the level seen at training; after an end the line is ignored for 100 ms. Which receiver state counts as
/// idle or trained stays with the receiver. The received line signal detectors of V.27ter and V.17 must be "on" above
/// −43 dBm0 and "off" below −48 dBm0; the band between is left open. Energy alone never raises carrier: the receivers
/// wait for their training's structure.
/// </summary>
internal sealed class CarrierGate
{
    /// <summary>Energy needed before a receiver looks for its training (dBm0), unless the receiver gives its own.</summary>
    public const double OnDbm0 = -43;

    /// <summary>Energy below which the carrier is off (dBm0), hysteresis against <see cref="OnDbm0"/>.</summary>
    public const double OffDbm0 = -48;

    /// <summary>A drop of this much below the level at training ends the carrier even when noise stays above the thresholds.</summary>
    public const double DropDb = 10;

    /// <summary>After the carrier ends, the line is ignored for 100 ms (the far end's turn-off and filter tails).</summary>
    public const int HoldoffSamples = 800;

    private static readonly float OffPower = (float)LineLevel.PowerOf(OffDbm0);

    private readonly PowerMeter _power = new(40);
    private readonly float _onPower;
    private int _holdoff;
    private float _dropPower;

    /// <param name="onDbm0">The "on" level in dBm0, between −48 and −43 (default <see cref="OnDbm0"/>).</param>
    public CarrierGate(double onDbm0 = OnDbm0)
    {
        if (onDbm0 > OnDbm0 || onDbm0 <= OffDbm0)
        {
            throw new ArgumentOutOfRangeException(nameof(onDbm0), onDbm0, "The carrier's on level must lie above the off level (−48 dBm0) and at most −43 dBm0.");
        }

        _onPower = (float)LineLevel.PowerOf(onDbm0);
    }

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

        return power >= _onPower;
    }

    /// <summary>For an active receiver: true when the carrier has ended at this power.</summary>
    public bool Ended(float power, bool trained) => power < OffPower || (trained && power < _dropPower);

    /// <summary>Remembers the line power at training, the reference for the relative drop.</summary>
    public void SetTrainedLevel(float linePower) => _dropPower = linePower / (float)Math.Pow(10, DropDb / 10);

    /// <summary>Forgets the line: power back to zero, no hold-off (a receiver restarted to listen afresh).</summary>
    public void Reset()
    {
        _power.Reset();
        _holdoff = 0;
        _dropPower = 0;
    }

        /// <summary>Starts the hold-off after a carrier ended.</summary>
    public void StartHoldoff() => _holdoff = HoldoffSamples;
}
