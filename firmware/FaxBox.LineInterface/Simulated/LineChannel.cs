using FaxBox.LineInterface.Signalling;

namespace FaxBox.LineInterface.Simulated;

/// <summary>One direction of a simulated loop: clock skew, gain and white noise. Allocation-free per frame.</summary>
internal sealed class LineChannel
{
    private readonly double _gain;
    private readonly double _noisePeak;
    private readonly SampleClockSkew? _skew;
    private uint _state;

    public LineChannel(LineModelOptions model, double ppm, int seed)
    {
        _gain = Math.Pow(10, model.GainDb / 20);
        _noisePeak = model.NoiseDbm0 is { } n ? Math.Sqrt(3 * Dbm0.MeanSquare(n)) : 0;
        _skew = ppm != 0 ? new SampleClockSkew(ppm) : null;
        _state = (uint)seed | 1;
    }

    public int Slips => _skew?.Slips ?? 0;

    public void Process(Span<short> frame)
    {
        _skew?.Process(frame);
        if (_gain == 1 && _noisePeak == 0)
        {
            return;
        }

        for (var i = 0; i < frame.Length; i++)
        {
            var value = frame[i] * _gain;
            if (_noisePeak > 0)
            {
                value += _noisePeak * ((2.0 * Next() / uint.MaxValue) - 1);
            }

            frame[i] = (short)Math.Clamp(Math.Round(value), short.MinValue, short.MaxValue);
        }
    }

    private uint Next()
    {
        // xorshift32 (Marsaglia 2003): deterministic, allocation-free.
        _state ^= _state << 13;
        _state ^= _state >> 17;
        _state ^= _state << 5;
        return _state;
    }
}
