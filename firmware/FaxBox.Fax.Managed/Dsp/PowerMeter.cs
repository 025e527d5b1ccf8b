namespace FaxBox.Fax.Managed.Dsp;

/// <summary>A one-pole mean-square estimator of the line signal, used for carrier detection.</summary>
internal sealed class PowerMeter
{
    private readonly float _alpha;
    private float _power;

    /// <param name="timeConstantSamples">The averaging time constant in samples.</param>
    public PowerMeter(int timeConstantSamples) => _alpha = 1.0f / timeConstantSamples;

    /// <summary>The current mean square sample value.</summary>
    public float Power => _power;

    public void Reset() => _power = 0;

    public float Update(float sample)
    {
        _power += _alpha * ((sample * sample) - _power);
        return _power;
    }
}
