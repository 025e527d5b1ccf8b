using System.Numerics;

namespace FaxBox.Fax.Managed.Dsp;

/// <summary>A complex fractionally spaced (T/2) transversal equaliser adapted by least mean squares.</summary>
internal sealed class LmsEqualizer
{
    private readonly float[] _re;
    private readonly float[] _im;

    public LmsEqualizer(int taps)
    {
        if (taps % 2 != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(taps), taps, "A T/2 equaliser needs an even number of taps.");
        }

        _re = new float[taps];
        _im = new float[taps];
    }

    public int Taps => _re.Length;

    /// <summary>The symbol-instant tap the equaliser starts from (even, near the middle).</summary>
    public int CentreTap => (_re.Length / 2) & ~1;

    /// <summary>Clears the taps and sets the centre tap to <paramref name="centre"/>.</summary>
    public void Reset(Complex centre)
    {
        Array.Clear(_re);
        Array.Clear(_im);
        _re[CentreTap] = (float)centre.Real;
        _im[CentreTap] = (float)centre.Imaginary;
    }

    /// <summary>The output for the delay line (newest first).</summary>
    public Complex Apply(ReadOnlySpan<float> lineRe, ReadOnlySpan<float> lineIm)
    {
        VectorMath.ComplexDot(_re, _im, lineRe, lineIm, out float re, out float im);
        return new Complex(re, im);
    }

    /// <summary>c_i += step · error · conj(x_i).</summary>
    public void Update(ReadOnlySpan<float> lineRe, ReadOnlySpan<float> lineIm, Complex error, double step) =>
        VectorMath.ComplexUpdate(_re, _im, lineRe, lineIm, (float)(error.Real * step), (float)(error.Imaginary * step));
}
