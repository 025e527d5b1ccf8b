namespace FaxBox.Fax.Managed.Tests.Channel;

/// <summary>
/// A small line model for the modem tests: flat gain, frequency offset (single-sideband shift through a Hilbert
/// transformer), sampling clock offset (cubic interpolation), white Gaussian noise at a level in dBm0, and optional
/// G.711 coding. Deterministic for a given seed.
/// </summary>
internal sealed class TestChannel
{
    private const int HilbertHalf = 31;
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
    private double _readPosition = 2;

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
        while (_readPosition + 2 < _shifted.Count)
        {
            int i = (int)Math.Floor(_readPosition);
            double t = _readPosition - i;
            double y0 = _shifted[i - 1], y1 = _shifted[i], y2 = _shifted[i + 1], y3 = _shifted[i + 2];
            double value = y1 + (0.5 * t * (y2 - y0 + (t * ((2 * y0) - (5 * y1) + (4 * y2) - y3 + (t * ((3 * (y1 - y2)) + y3 - y0))))));
            value += _noiseRms * Gaussian();
            short sample = (short)Math.Clamp(Math.Round(value), short.MinValue, short.MaxValue);
            output.Add(_codec is null ? sample : _codec(sample));
            _readPosition += _clockRatio;
        }

        int consumed = (int)Math.Floor(_readPosition) - 2;
        if (consumed > 4096)
        {
            _shifted.RemoveRange(0, consumed);
            _readPosition -= consumed;
        }

        return [.. output];
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
