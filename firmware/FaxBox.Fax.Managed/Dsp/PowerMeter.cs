namespace FaxBox.Fax.Managed.Dsp;

/// <summary>A one-pole mean-square estimator of the line signal, used for carrier detection.</summary>
internal sealed class PowerMeter
{
    private readonly float _alpha;
    private readonly float _decay;
    private float _power;

    /// <param name="timeConstantSamples">The averaging time constant in samples.</param>
    public PowerMeter(int timeConstantSamples)
    {
        _alpha = 1.0f / timeConstantSamples;
        _decay = 1 - _alpha;
    }

    /// <summary>The current mean square sample value.</summary>
    public float Power => _power;

    public void Reset() => _power = 0;

    public float Update(float sample)
    {
        // p·(1 − α) + α·x²: only a multiply and an add on the loop-carried p (p + α(x² − p) chains three operations).
        _power = (_power * _decay) + (_alpha * sample * sample);
        return _power;
    }
}
