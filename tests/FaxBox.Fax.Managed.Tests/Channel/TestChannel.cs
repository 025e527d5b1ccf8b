namespace FaxBox.Fax.Managed.Tests.Channel;

/// <summary>
/// A small line model for the modem tests: flat gain, frequency offset (single-sideband shift through a Hilbert
/// transformer), sampling clock offset (32-tap Blackman-windowed sinc interpolation, whose own error is far below the
/// 30 dB or so a cubic interpolator leaves near 3 kHz — too much for V.17 at 14400 bit/s), white Gaussian noise at a
/// level in dBm0, and optional G.711 coding. Deterministic for a given seed.
/// </summary>
internal sealed class TestChannel
{
    private const int HilbertHalf = 31;
    private const int InterpolatorHalf = 16;
    private static readonly double[] Hilbert = BuildHilbert();

    private readonly double _gain;
    private readonly double _frequencyStep;
    private readonly double _clockRatio;
    private readonly double _noiseRms;
    private readonly Func<short, short>? _codec;
    private readonly Random _random;
    private readonly double[] _delay = new double[(2 * HilbertHalf) + 1];
    private readonly List<double> _shifted = [];
    private double _carrierPhase;
    private double _readPosition = InterpolatorHalf;

    public TestChannel(double gainDb = 0, double frequencyOffsetHz = 0, double clockPpm = 0, double noiseDbm0 = double.NegativeInfinity, Func<short, short>? codec = null, int seed = 1)
    {
        _gain = Math.Pow(10, gainDb / 20);
        _frequencyStep = 2 * Math.PI * frequencyOffsetHz / 8000;
        _clockRatio = 1 + (clockPpm * 1e-6);
        _noiseRms = double.IsNegativeInfinity(noiseDbm0) ? 0 : 32768.0 * Math.Pow(10, (noiseDbm0 - 3.14) / 20) / Math.Sqrt(2);
        _codec = codec;
        _random = new Random(seed);
    }

    /// <summary>Passes a block of samples; the output block can be a sample shorter or longer with a clock offset.</summary>
    public short[] Process(ReadOnlySpan<short> input)
    {
        foreach (short s in input)
        {
            Array.Copy(_delay, 1, _delay, 0, _delay.Length - 1);
            _delay[^1] = s * _gain;
            double value = _delay[HilbertHalf];
            if (_frequencyStep != 0)
            {
                double quadrature = 0;
                for (int k = 0; k < Hilbert.Length; k++)
                {
                    quadrature += Hilbert[k] * _delay[^(k + 1)];
                }

                value = (value * Math.Cos(_carrierPhase)) - (quadrature * Math.Sin(_carrierPhase));
                _carrierPhase += _frequencyStep;
            }

            _shifted.Add(value);
        }

        var output = new List<short>();
        while (_readPosition + InterpolatorHalf < _shifted.Count)
        {
            int i = (int)Math.Floor(_readPosition);
            double value = Interpolate(i, _readPosition - i);
            value += _noiseRms * Gaussian();
            short sample = (short)Math.Clamp(Math.Round(value), short.MinValue, short.MaxValue);
            output.Add(_codec is null ? sample : _codec(sample));
            _readPosition += _clockRatio;
        }

        int consumed = (int)Math.Floor(_readPosition) - InterpolatorHalf;
        if (consumed > 4096)
        {
            _shifted.RemoveRange(0, consumed);
            _readPosition -= consumed;
        }

        return [.. output];
    }

    /// <summary>The signal at <paramref name="i"/> + <paramref name="t"/> (0 ≤ t &lt; 1) from the samples around it.</summary>
    private double Interpolate(int i, double t)
    {
        if (t == 0)
        {
            return _shifted[i];
        }

        // sin(π(k − t)) = (−1)^(k+1) sin(πt): one sine for all taps.
        double sinPiT = Math.Sin(Math.PI * t);
        double sum = 0;
        for (int k = 1 - InterpolatorHalf; k <= InterpolatorHalf; k++)
        {
            double x = k - t;
            double sinc = ((k & 1) == 0 ? -sinPiT : sinPiT) / (Math.PI * x);
            double w = 0.42 + (0.5 * Math.Cos(Math.PI * x / InterpolatorHalf)) + (0.08 * Math.Cos(2 * Math.PI * x / InterpolatorHalf));
            sum += _shifted[i + k] * sinc * w;
        }

        return sum;
    }

    private double Gaussian()
    {
        double u1 = 1.0 - _random.NextDouble();
        double u2 = _random.NextDouble();
        return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }

    private static double[] BuildHilbert()
    {
        // Windowed ideal Hilbert transformer, taps ordered from the newest sample backwards, centred on HilbertHalf.
        var taps = new double[(2 * HilbertHalf) + 1];
        for (int n = -HilbertHalf; n <= HilbertHalf; n++)
        {
            double h = n % 2 == 0 ? 0 : 2 / (Math.PI * n);
            double window = 0.54 + (0.46 * Math.Cos(Math.PI * n / (HilbertHalf + 1)));
            taps[n + HilbertHalf] = h * window;
        }

        return taps;
    }
}
