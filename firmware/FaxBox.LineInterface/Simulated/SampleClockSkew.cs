using FaxBox.Core;

namespace FaxBox.LineInterface.Simulated;

/// <summary>
/// Resamples a stream by a ratio close to 1 (a terminal whose sample clock is off by a few ppm): 160 samples in and 160
/// out per tick, linear interpolation, a 40 ms cushion, and a 20 ms slip (repeat or drop) when the cushion is exhausted,
/// as a real PCM interface does. Allocation-free per frame.
/// </summary>
internal sealed class SampleClockSkew
{
    private const int Size = 4096;
    private const int Cushion = 2 * AudioFrame.Samples;
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
            var fraction = _read - whole;
            var a = _buffer[whole % Size];
            var b = _buffer[(whole + 1) % Size];
            frame[i] = (short)Math.Round(a + ((b - a) * fraction));
            _read += _ratio;
        }

        var fill = _written - _read;
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
}
