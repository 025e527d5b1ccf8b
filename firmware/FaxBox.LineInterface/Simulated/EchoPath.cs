using FaxBox.Core;

namespace FaxBox.LineInterface.Simulated;

/// <summary>The hybrid echo one end of a loop hears of its own signal: a fixed delay and loss. Allocation-free per frame.</summary>
internal sealed class EchoPath
{
    private readonly short[] _delay;
    private readonly double _gain;
    private int _position;

    public EchoPath(double returnLossDb, double delayMilliseconds)
    {
        _gain = Math.Pow(10, -returnLossDb / 20);
        _delay = new short[Math.Max(1, (int)Math.Round(delayMilliseconds * AudioFrame.SampleRate / 1000))];
    }

    /// <summary>Adds the echo of <paramref name="sent"/> (delayed) to <paramref name="heard"/>.</summary>
    public void Add(ReadOnlySpan<short> sent, Span<short> heard)
    {
        for (var i = 0; i < sent.Length; i++)
        {
            var echo = _delay[_position];
            _delay[_position] = sent[i];
            _position = (_position + 1) % _delay.Length;
            heard[i] = (short)Math.Clamp(heard[i] + Math.Round(echo * _gain), short.MinValue, short.MaxValue);
        }
    }
}
