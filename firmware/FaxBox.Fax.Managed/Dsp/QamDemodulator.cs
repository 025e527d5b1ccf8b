using System.Numerics;

namespace FaxBox.Fax.Managed.Dsp;

/// <summary>
/// Receive front end of a QAM/PSK modem: mixing to baseband at the nominal carrier, a root-raised-cosine matched filter
/// evaluated by polyphase interpolation at T/2 instants chosen by a Gardner timing-error detector, automatic gain
/// control, and the T/2-spaced delay line that feeds the fractionally spaced equaliser.
/// <para>
/// The mixing is folded into the filter: y(t) = Σ 2x[n]·e^{−jθ(n)}·g(t − n) = e^{−jθ(N)}·Σ x[n]·2g(t − n)·e^{jω(N − n)}
/// (N the newest sample, θ(n) = ω·n the carrier phase), so the line samples are kept as they come and only each T/2
/// output is rotated by the carrier phase; the polyphase rows hold the complex band-pass taps 2g·e^{jωj}. A line sample
/// then costs a store and a phase step, an output one complex dot product and one table look-up.
/// </para>
/// </summary>
internal sealed class QamDemodulator
{
    private const int Phases = 64;
    private const int RingSize = 128;

    private readonly double _halfPeriod;
    private readonly int _side;
    private readonly int _taps;
    private readonly int _row;
    private readonly float[] _filterRe;
    private readonly float[] _filterIm;
    private readonly float[] _ring = new float[2 * RingSize];
    private readonly float[] _lineRe;
    private readonly float[] _lineIm;
    private readonly int _lineLength;
    private readonly uint _carrierStep;
    private readonly double _targetPower;

    private long _count;
    private double _nextTime;
    private long _nextReady;
    private uint _carrierPhase;
    private int _ringPos;
    private int _linePos;
    private bool _onSymbol;
    private Complex _previousSymbol;
    private Complex _mid;
    private double _inputPower;
    private double _gain;
    private double _timingErrorAverage;
    private readonly double _timingScale;

    /// <param name="baud">Symbol rate.</param>
    /// <param name="carrierHz">Nominal carrier frequency.</param>
    /// <param name="rollOff">Roll-off of the matched filter.</param>
    /// <param name="lineLength">T/2 taps of the equaliser delay line (even).</param>
    /// <param name="targetPower">Mean symbol power the automatic gain control aims for.</param>
    /// <param name="spanSymbols">Half-length of the matched filter in symbols (the pulse decays faster with a larger roll-off).</param>
    public QamDemodulator(int baud, double carrierHz, double rollOff, int lineLength, double targetPower, double spanSymbols = 4)
    {
        double samplesPerSymbol = 8000.0 / baud;
        _halfPeriod = samplesPerSymbol / 2;
        _timingScale = samplesPerSymbol / (8000.0 / 2400);
        _side = (int)Math.Ceiling(spanSymbols * samplesPerSymbol);
        _taps = (2 * _side) + 1;

        // Each phase's row is padded at its oldest end with zeros to whole vectors: one loop, no scalar tail.
        _row = (_taps + Vector<float>.Count - 1) / Vector<float>.Count * Vector<float>.Count;
        _filterRe = new float[Phases * _row];
        _filterIm = new float[Phases * _row];
        _carrierStep = CarrierOscillator.StepFor(carrierHz);
        double omega = _carrierStep * (2 * Math.PI / 4294967296.0);
        double sum = 0;
        for (int j = 0; j < _taps; j++)
        {
            sum += RootRaisedCosine.Pulse((j - _side) / samplesPerSymbol, rollOff);
        }

        // Stored reversed (oldest sample's tap first) so that each output is one contiguous dot product.
        for (int p = 0; p < Phases; p++)
        {
            for (int j = 0; j < _taps; j++)
            {
                double t = (j - _side + ((double)p / Phases)) / samplesPerSymbol;
                double tap = 2 * RootRaisedCosine.Pulse(t, rollOff) / sum;
                _filterRe[(p * _row) + (_row - 1 - j)] = (float)(tap * Math.Cos(omega * j));
                _filterIm[(p * _row) + (_row - 1 - j)] = (float)(tap * Math.Sin(omega * j));
            }
        }

        _lineLength = lineLength;
        _lineRe = new float[2 * lineLength];
        _lineIm = new float[2 * lineLength];
        _targetPower = targetPower;
        TimingGain = 0.02;
        Reset();
    }

    /// <summary>Loop gain of the Gardner timing recovery, in samples per unit of normalised timing error at 2400 baud (scaled with the symbol period).</summary>
    public double TimingGain { get; set; }

    /// <summary>When true the automatic gain control holds its gain (the equaliser then owns the fine gain).</summary>
    public bool GainFrozen { get; set; }

    /// <summary>The latest symbol-instant sample (after gain).</summary>
    public Complex SymbolSample { get; private set; }

    /// <summary>Real parts of the T/2 delay line, newest sample first.</summary>
    public ReadOnlySpan<float> LineRe => _lineRe.AsSpan(_linePos, _lineLength);

    /// <summary>Imaginary parts of the T/2 delay line, newest sample first.</summary>
    public ReadOnlySpan<float> LineIm => _lineIm.AsSpan(_linePos, _lineLength);

    /// <summary>Smoothed normalised Gardner error; near zero when timing is locked.</summary>
    public double TimingErrorAverage => _timingErrorAverage;

    /// <summary>Accumulated timing adjustment in samples (positive: the far end's clock is slower than ours).</summary>
    public double TimingDrift { get; private set; }

    public void Reset()
    {
        Array.Clear(_ring);
        Array.Clear(_lineRe);
        Array.Clear(_lineIm);
        _carrierPhase = 0;
        _count = 0;
        _ringPos = 0;
        _linePos = 0;
        _nextTime = _side;
        _nextReady = (long)Math.Floor(_nextTime) + _side;
        _onSymbol = false;
        _previousSymbol = Complex.Zero;
        _mid = Complex.Zero;
        _inputPower = 0;
        _gain = 0;
        _timingErrorAverage = 0;
        TimingDrift = 0;
        GainFrozen = false;
        SymbolSample = Complex.Zero;
    }

    /// <summary>Feeds one line sample; true when a new symbol-instant sample has entered the delay line.</summary>
    public bool Push(float sample)
    {
        _ringPos = (_ringPos + 1) & (RingSize - 1);
        _ring[_ringPos] = sample;
        _ring[_ringPos + RingSize] = sample;
        uint theta = _carrierPhase;
        _carrierPhase = theta + _carrierStep;
        if (_count++ < _nextReady)
        {
            return false;
        }

        long m = _nextReady - _side;
        int phase = Math.Min((int)Math.Round((_nextTime - m) * Phases), Phases - 1);

        // y(m + mu) = e^{-jθ(N)} sum_j x[N - j] 2g(j - side + mu) e^{jωj}, N = m + side the newest sample;
        // x[N - j] sits at ring index pos + RingSize - j.
        int oldest = _ringPos + RingSize - _row + 1;
        VectorMath.Dot2(
            _filterRe.AsSpan(phase * _row, _row),
            _filterIm.AsSpan(phase * _row, _row),
            _ring.AsSpan(oldest, _row),
            out float bandRe,
            out float bandIm);
        CarrierOscillator.CosSin(theta, out float cos, out float sin);
        float accRe = (bandRe * cos) + (bandIm * sin);
        float accIm = (bandIm * cos) - (bandRe * sin);

        _nextTime += _halfPeriod;
        _nextReady = (long)Math.Floor(_nextTime) + _side;
        var z = new Complex(accRe, accIm);
        _onSymbol = !_onSymbol;
        if (!_onSymbol)
        {
            _mid = z * _gain;
            Insert(_mid);
            return false;
        }

        double power = (z.Real * z.Real) + (z.Imaginary * z.Imaginary);
        _inputPower = _inputPower == 0 ? power : _inputPower + ((power - _inputPower) / 32);
        if (!GainFrozen && _inputPower > 0)
        {
            _gain = Math.Sqrt(_targetPower / _inputPower);
        }

        Complex symbol = z * _gain;
        Insert(symbol);

        // Gardner: Re{(s_k - s_k-1) conj(mid)} > 0 when sampling late.
        Complex diff = symbol - _previousSymbol;
        double error = ((diff.Real * _mid.Real) + (diff.Imaginary * _mid.Imaginary)) / _targetPower;
        error = Math.Clamp(error, -1, 1);
        _timingErrorAverage += (error - _timingErrorAverage) / 16;
        double step = TimingGain * _timingScale * error;
        _nextTime -= step;
        _nextReady = (long)Math.Floor(_nextTime) + _side;
        TimingDrift -= step;
        _previousSymbol = symbol;
        SymbolSample = symbol;
        return true;
    }

    private void Insert(Complex value)
    {
        _linePos = _linePos == 0 ? _lineLength - 1 : _linePos - 1;
        _lineRe[_linePos] = (float)value.Real;
        _lineRe[_linePos + _lineLength] = (float)value.Real;
        _lineIm[_linePos] = (float)value.Imaginary;
        _lineIm[_linePos + _lineLength] = (float)value.Imaginary;
    }
}
