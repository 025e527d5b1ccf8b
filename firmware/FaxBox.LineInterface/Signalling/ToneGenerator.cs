using FaxBox.Core;
using FaxBox.LineInterface.Regions;

namespace FaxBox.LineInterface.Signalling;

/// <summary>
/// Generates a call-progress tone (one or two summed sines, optionally amplitude-modulated, or a sequence of sines one
/// per on segment such as the special information tone) with its cadence, one 20 ms frame at a time, with continuous
/// phase per frequency. Allocation-free after construction.
/// </summary>
internal sealed class ToneGenerator
{
    private readonly double[] _step;
    private readonly double[] _phase;
    private readonly double _peak;
    private readonly double _modulationStep;
    private readonly Cadence _cadence;
    private readonly bool _sequential;
    private long _sample;

    public ToneGenerator(ToneSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        Spec = spec;
        _step = [.. spec.FrequenciesHz.Select(f => 2 * Math.PI * f / AudioFrame.SampleRate)];
        _phase = new double[_step.Length];
        _peak = Dbm0.SinePeak(spec.LevelDbm0);
        _modulationStep = spec.ModulationHz is { } m ? 2 * Math.PI * m / AudioFrame.SampleRate : 0;
        _cadence = spec.Cadence;
        _sequential = spec.Sequential;
    }

    public ToneSpec Spec { get; }

    /// <summary>Starts the cadence again from its first on segment.</summary>
    public void Restart()
    {
        _sample = 0;
        Array.Clear(_phase);
    }

    /// <summary>Writes one frame of the tone over <paramref name="frame"/> (silence in the off parts of the cadence).</summary>
    public void Generate(Span<short> frame)
    {
        for (var i = 0; i < frame.Length; i++)
        {
            var milliseconds = _sample * 1000 / AudioFrame.SampleRate;
            var on = _cadence.IsOnAt(milliseconds);
            var only = _sequential ? _cadence.OnSegmentAt(milliseconds) : -1;
            double value = 0;
            for (var k = 0; k < _step.Length; k++)
            {
                if (on && (!_sequential || k == only))
                {
                    value += Math.Sin(_phase[k]);
                }

                _phase[k] += _step[k];
                if (_phase[k] > 2 * Math.PI)
                {
                    _phase[k] -= 2 * Math.PI;
                }
            }

            if (_modulationStep > 0)
            {
                value *= 0.5 * (1 + Math.Cos(_modulationStep * _sample));
            }

            frame[i] = (short)Math.Clamp(Math.Round(value * _peak), short.MinValue, short.MaxValue);
            _sample++;
        }
    }
}
