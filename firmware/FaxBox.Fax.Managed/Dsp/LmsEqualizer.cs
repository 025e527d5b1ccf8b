using System.Numerics;

namespace FaxBox.Fax.Managed.Dsp;

/// <summary>A complex fractionally spaced (T/2) transversal equaliser adapted by least mean squares.</summary>
internal sealed class LmsEqualizer
{
    private readonly Complex[] _coefficients;

    public LmsEqualizer(int taps)
    {
        if (taps % 2 != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(taps), taps, "A T/2 equaliser needs an even number of taps.");
        }

        _coefficients = new Complex[taps];
    }

    public int Taps => _coefficients.Length;

    /// <summary>The symbol-instant tap the equaliser starts from (even, near the middle).</summary>
    public int CentreTap => (_coefficients.Length / 2) & ~1;

    /// <summary>Clears the taps and sets the centre tap to <paramref name="centre"/>.</summary>
    public void Reset(Complex centre)
    {
        Array.Clear(_coefficients);
        _coefficients[CentreTap] = centre;
    }

    public Complex Apply(ReadOnlySpan<Complex> line)
    {
        double re = 0;
        double im = 0;
        Complex[] c = _coefficients;
        for (int i = 0; i < c.Length; i++)
        {
            Complex x = line[i];
            Complex k = c[i];
            re += (k.Real * x.Real) - (k.Imaginary * x.Imaginary);
            im += (k.Real * x.Imaginary) + (k.Imaginary * x.Real);
        }

        return new Complex(re, im);
    }

    /// <summary>c_i += step · error · conj(x_i).</summary>
    public void Update(ReadOnlySpan<Complex> line, Complex error, double step)
    {
        double er = error.Real * step;
        double ei = error.Imaginary * step;
        Complex[] c = _coefficients;
        for (int i = 0; i < c.Length; i++)
        {
            Complex x = line[i];
            c[i] = new Complex(c[i].Real + (er * x.Real) + (ei * x.Imaginary), c[i].Imaginary + (ei * x.Real) - (er * x.Imaginary));
        }
    }
}
