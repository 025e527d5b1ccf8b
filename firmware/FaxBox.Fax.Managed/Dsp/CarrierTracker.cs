using System.Numerics;

namespace FaxBox.Fax.Managed.Dsp;

/// <summary>
/// Decision-directed second-order carrier phase-locked loop acting on the equaliser output (no loop delay), which
/// removes residual carrier phase and frequency offset.
/// </summary>
internal sealed class CarrierTracker
{
    private double _phase;
    private double _frequency;

    /// <summary>Proportional gain (radians of correction per radian of error).</summary>
    public double Alpha { get; set; } = 0.1;

    /// <summary>Integral gain.</summary>
    public double Beta { get; set; } = 0.004;

    /// <summary>The tracked frequency offset in radians per symbol.</summary>
    public double Frequency => _frequency;

    public Complex Rotation => Complex.FromPolarCoordinates(1, _phase);

    public void Reset(double phase, double frequency)
    {
        _phase = phase;
        _frequency = frequency;
    }

    /// <summary>Removes the tracked phase from an equaliser output.</summary>
    public Complex Derotate(Complex y)
    {
        (double sin, double cos) = Math.SinCos(_phase);
        return new Complex((y.Real * cos) + (y.Imaginary * sin), (y.Imaginary * cos) - (y.Real * sin));
    }

    /// <summary>Advances one symbol using the phase error between the derotated output and its decision.</summary>
    public void Update(Complex derotated, Complex decision)
    {
        Complex product = derotated * Complex.Conjugate(decision);
        double error = Math.Atan2(product.Imaginary, product.Real);
        _frequency += Beta * error;
        _phase += _frequency + (Alpha * error);
        if (_phase > Math.PI)
        {
            _phase -= 2 * Math.PI;
        }
        else if (_phase < -Math.PI)
        {
            _phase += 2 * Math.PI;
        }
    }
}
