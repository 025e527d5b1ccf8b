using System.Numerics;

namespace FaxBox.Fax.Managed.Dsp;

/// <summary>
/// Decision-directed second-order carrier phase-locked loop acting on the equaliser output (no loop delay), which
/// removes residual carrier phase and frequency offset. The phase is kept as a unit phasor, so a symbol costs no
/// trigonometry.
/// </summary>
internal sealed class CarrierTracker
{
    /// <summary>Largest frequency offset the loop may settle on, in radians per symbol (±25 Hz at 1600 baud).</summary>
    public const double MaxFrequency = 0.1;

    private double _cos = 1;
    private double _sin;
    private double _frequency;

    /// <summary>Proportional gain (radians of correction per radian of error).</summary>
    public double Alpha { get; set; } = 0.1;

    /// <summary>Integral gain.</summary>
    public double Beta { get; set; } = 0.004;

    /// <summary>The tracked frequency offset in radians per symbol.</summary>
    public double Frequency => _frequency;

    /// <summary>The tracked carrier phase as a unit phasor.</summary>
    public Complex Rotation => new(_cos, _sin);

    public void Reset(double phase, double frequency)
    {
        (_sin, _cos) = Math.SinCos(phase);
        _frequency = frequency;
    }

    /// <summary>Removes the tracked phase from an equaliser output.</summary>
    public Complex Derotate(Complex y) => new((y.Real * _cos) + (y.Imaginary * _sin), (y.Imaginary * _cos) - (y.Real * _sin));

    /// <summary>
    /// Moves the tracked frequency by <paramref name="delta"/> radians per symbol (within ±<see cref="MaxFrequency"/>),
    /// for a receiver that drives the loop's integral path from later, more reliable decisions than its proportional path.
    /// </summary>
    public void AdjustFrequency(double delta) => _frequency = Math.Clamp(_frequency + delta, -MaxFrequency, MaxFrequency);

    /// <summary>Advances one symbol using the phase error between the derotated output and its decision.</summary>
    public void Update(Complex derotated, Complex decision) => Update(derotated, decision, 1);

    /// <summary>
    /// As <see cref="Update(Complex, Complex)"/> with the phase error weighted by <paramref name="weight"/> (how far the
    /// decision's angle is trusted; 1 for the plain loop).
    /// </summary>
    public void Update(Complex derotated, Complex decision, double weight)
    {
        // Im(y·conj(d))/|d|² ≈ the angle for small errors; clamped so a wrong decision cannot throw the loop.
        double dr = decision.Real;
        double di = decision.Imaginary;
        double norm = (dr * dr) + (di * di);
        double error = norm > 0 ? ((derotated.Imaginary * dr) - (derotated.Real * di)) / norm : 0;
        error = Math.Clamp(error, -0.5, 0.5) * weight;
        _frequency = Math.Clamp(_frequency + (Beta * error), -MaxFrequency, MaxFrequency);
        double step = _frequency + (Alpha * error);

        // Rotate the phasor by step (second-order sine/cosine), then renormalise it.
        double c = 1 - (0.5 * step * step);
        double s = step;
        double cos = (_cos * c) - (_sin * s);
        double sin = (_sin * c) + (_cos * s);
        double scale = 1.5 - (0.5 * ((cos * cos) + (sin * sin)));
        _cos = cos * scale;
        _sin = sin * scale;
    }
}
