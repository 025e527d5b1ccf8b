using FaxBox.Core;

namespace FaxBox.LineInterface.Simulated;

/// <summary>
/// Resamples a stream by a ratio close to 1 (a terminal whose sample clock is off by a few ppm): 160 samples in and 160
/// out per tick, windowed-sinc interpolation, a 40 ms cushion, and a 20 ms slip (repeat or drop) when the cushion is exhausted,
/// as a real PCM interface does. Allocation-free per frame.
/// </summary>
internal sealed class SampleClockSkew
{
    private const int Size = 4096;
    private const int Cushion = 2 * AudioFrame.Samples;
    private const int Taps = 16;
    private const int Phases = 512;

    /// <summary>Windowed-sinc interpolation filter (Blackman window, 16 taps), one row per fractional phase: flat to
    /// 3.4 kHz, so the fax modems see a clock offset and not a time-varying low-pass filter (which linear
    /// interpolation would be).</summary>
    private static readonly double[] Filter = BuildFilter();
    private readonly double[] _buffer = new double[Size];
    private readonly double _ratio;
    private long _written = Cushion;
    private double _read;

    public SampleClockSkew(double ppm)
    {
        _ratio = 1 + (ppm * 1e-6);
    }

    /// <summary>Frames repeated or dropped so far.</summary>
    public int Slips { get; private set; }

    public void Process(Span<short> frame)
    {
        foreach (var s in frame)
        {
            _buffer[_written++ % Size] = s;
        }

        for (var i = 0; i < frame.Length; i++)
        {
            var whole = (long)_read;
            var phase = (int)Math.Round((_read - whole) * Phases);
            if (phase == Phases)
            {
                whole++;
                phase = 0;
            }

            var row = phase * Taps;
            double value = 0;
            for (var k = 0; k < Taps; k++)
            {
                value += Filter[row + k] * _buffer[(whole - (Taps / 2) + 1 + k + Size) % Size];
            }

            frame[i] = (short)Math.Clamp(Math.Round(value), short.MinValue, short.MaxValue);
            _read += _ratio;
        }

        var fill = _written - _read - (Taps / 2);
        if (fill < AudioFrame.Samples / 2)
        {
            _read -= AudioFrame.Samples;
            Slips++;
        }
        else if (fill > Cushion + (1.5 * AudioFrame.Samples))
        {
            _read += AudioFrame.Samples;
            Slips++;
        }
    }

    private static double[] BuildFilter()
    {
        var filter = new double[Phases * Taps];
        for (var phase = 0; phase < Phases; phase++)
        {
            var fraction = phase / (double)Phases;
            double sum = 0;
            for (var k = 0; k < Taps; k++)
            {
                // Tap k multiplies sample (whole - Taps/2 + 1 + k), at distance x from the wanted instant.
                var x = k - (Taps / 2) + 1 - fraction;
                var sinc = Math.Abs(x) < 1e-12 ? 1 : Math.Sin(Math.PI * x) / (Math.PI * x);
                var w = 0.42 + (0.5 * Math.Cos(Math.PI * x / (Taps / 2))) + (0.08 * Math.Cos(2 * Math.PI * x / (Taps / 2)));
                filter[(phase * Taps) + k] = sinc * w;
                sum += sinc * w;
            }

            for (var k = 0; k < Taps; k++)
            {
                filter[(phase * Taps) + k] /= sum;
            }
        }

        return filter;
    }
}
