using System.Numerics;

namespace FaxBox.Fax.Managed.Dsp;

/// <summary>
/// Receive front end of a QAM/PSK modem: mixing to baseband at the nominal carrier, a root-raised-cosine matched filter
/// evaluated by polyphase interpolation at T/2 instants chosen by a Gardner timing-error detector, automatic gain
/// control, and the T/2-spaced delay line that feeds the fractionally spaced equaliser.
/// </summary>
internal sealed class QamDemodulator
{
    private const int Phases = 64;
    private const int RingSize = 128;

    private readonly double _halfPeriod;
    private readonly int _side;
    private readonly int _taps;
    private readonly float[] _filter;
    private readonly float[] _ringRe = new float[2 * RingSize];
    private readonly float[] _ringIm = new float[2 * RingSize];
    private readonly float[] _lineRe;
    private readonly float[] _lineIm;
    private readonly int _lineLength;
    private readonly CarrierOscillator _carrier;
    private readonly double _targetPower;

    private long _count;
    private double _nextTime;
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
        _filter = new float[Phases * _taps];
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
                _filter[(p * _taps) + (_taps - 1 - j)] = (float)(RootRaisedCosine.Pulse(t, rollOff) / sum);
            }
        }

        _lineLength = lineLength;
        _lineRe = new float[2 * lineLength];
        _lineIm = new float[2 * lineLength];
        _carrier = new CarrierOscillator(carrierHz);
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
        Array.Clear(_ringRe);
        Array.Clear(_ringIm);
        Array.Clear(_lineRe);
        Array.Clear(_lineIm);
        _carrier.Reset();
        _count = 0;
        _ringPos = 0;
        _linePos = 0;
        _nextTime = _side;
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
        _carrier.Next(out float cos, out float sin);
        _ringPos = (_ringPos + 1) & (RingSize - 1);
        float re = 2 * sample * cos;
        float im = -2 * sample * sin;
        _ringRe[_ringPos] = re;
        _ringRe[_ringPos + RingSize] = re;
        _ringIm[_ringPos] = im;
        _ringIm[_ringPos + RingSize] = im;
        long newest = _count++;

        long m = (long)Math.Floor(_nextTime);
        if (newest < m + _side)
        {
            return false;
        }

        int phase = Math.Min((int)Math.Round((_nextTime - m) * Phases), Phases - 1);

        // y(m + mu) = sum_j x[m + side - j] g(j - side + mu); x[newest - j] sits at ring index pos + RingSize - j.
        ReadOnlySpan<float> g = _filter.AsSpan(phase * _taps, _taps);
        int oldest = _ringPos + RingSize - _taps + 1;
        float accRe = VectorMath.Dot(_ringRe.AsSpan(oldest, _taps), g);
        float accIm = VectorMath.Dot(_ringIm.AsSpan(oldest, _taps), g);

        _nextTime += _halfPeriod;
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
