using System.Numerics;
using FaxBox.Fax.Managed.Dsp;
using FaxBox.Fax.Modems;

namespace FaxBox.Fax.Managed.V27ter;

/// <summary>
/// ITU-T V.27ter receiver at 4800 or 2400 bit/s. It raises carrier only on the structure of segment 3 (continuous
/// 180° reversals), so noise and tones never do; takes carrier phase and frequency from the reversals, trains the T/2
/// equaliser decision-directed on the two-phase conditioning pattern, proves the training on the scrambled ones of
/// segment 5 and then delivers descrambled data until the signal falls 10 dB below its trained level or under the
/// carrier-off threshold.
/// </summary>
internal sealed class V27terReceiver : IModemReceiver
{
    private const int EqualizerTaps = 16;
    /// <summary>Consecutive symbols that must look like reversals, after the first <see cref="DetectAfterLong"/>, in a long training.</summary>
    private const int DetectSymbolsLong = 8;

    /// <summary>Symbols after carrier-on before reversals are looked for, in a long training (50 reversals).</summary>
    private const int DetectAfterLong = 8;

    /// <summary>The same in a short training, whose segment 3 is only 14 reversals (Table 3/V.27ter): detected within 8.</summary>
    private const int DetectSymbolsShort = 4;

    /// <summary>Symbols after carrier-on before reversals are looked for, in a short training.</summary>
    private const int DetectAfterShort = 3;
    private const double TargetPower = 1;

    /// <summary>
    /// On at −45 dBm0, inside the band V.27ter leaves open between −43 ("on") and −48 ("off"): a signal at exactly
    /// −43 dBm0 then trains every time, where an on level of −43 lost 1 to 4 trainings in 16 (tools/bench/modem-trials).
    /// </summary>
    private const double CarrierOnDbm0 = -45;

    private readonly CarrierGate _carrier = new(CarrierOnDbm0);
    private readonly IModemBitSink _sink;
    private readonly QamDemodulator _demodulator;
    private readonly LmsEqualizer _equalizer = new(EqualizerTaps);
    private readonly CarrierTracker _tracker = new();
    private readonly Scrambler _descrambler = Scrambler.V27ter();
    private readonly Complex[] _history = new Complex[16];
    private readonly int _bitsPerSymbol;
    private readonly int _baud;
    private readonly int _phaseStep;
    private readonly int _onesToTrain;
    private int _conditioningLength;
    private int _detectSymbols;
    private int _detectAfter;
    private bool _shortTraining;

    private State _state;
    private int _historyPos;
    private Complex _d1Average;
    private Complex _d2Average;
    private double _powerAverage;
    private int _detectCount;
    private int _stateSymbols;
    private int _previousPhase;
    private int _ones;
    private double _signalEnergy;
    private double _errorEnergy;

    public V27terReceiver(ModemOptions options, IModemBitSink sink)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(sink);
        if (options.Type != ModemType.V27ter || (options.BitRate != 4800 && options.BitRate != 2400))
        {
            throw new ArgumentException($"V.27ter receives at 4800 or 2400 bit/s, not {options.Type} {options.BitRate}.", nameof(options));
        }

        Options = options;
        _sink = sink;
        _bitsPerSymbol = options.BitRate == 4800 ? 3 : 2;
        _baud = options.BitRate == 4800 ? 1600 : 1200;
        _phaseStep = options.BitRate == 4800 ? 1 : 2;
        _onesToTrain = options.BitRate == 4800 ? 12 : 8;
        SetTraining(options.ShortTraining);
        _demodulator = new QamDemodulator(_baud, V27terTransmitter.CarrierHz, V27terTransmitter.RollOff, EqualizerTaps, TargetPower, spanSymbols: 3);
        Reset();
    }

    private enum State
    {
        Idle,
        SeekReversals,
        Reversals,
        Conditioning,
        Ones,
        Data,
    }

    public ModemOptions Options { get; }

    public bool Trained => _state == State.Data;

    public double SignalQualityDb => Trained && _errorEnergy > 0 ? 10 * Math.Log10(_signalEnergy / _errorEnergy) : double.NaN;

    public void Receive(ReadOnlySpan<short> frame)
    {
        for (int i = 0; i < frame.Length; i++)
        {
            float sample = frame[i];
            float power = _carrier.Update(sample);
            if (_state == State.Idle)
            {
                if (!_carrier.Starts(power))
                {
                    continue;
                }

                _state = State.SeekReversals;
            }
            else if (_carrier.Ended(power, trained: _state >= State.Conditioning))
            {
                LoseCarrier();
                continue;
            }

            if (_demodulator.Push(sample))
            {
                OnSymbol(power);
            }
        }
    }

    /// <summary>
    /// Re-arms the receiver for a new training: long, or short (14 reversals and 58 conditioning symbols instead of 50 and
    /// 1074). The managed receiver trains its equaliser afresh either way, so a short training needs no long one before it.
    /// </summary>
    public void Restart(bool shortTraining)
    {
        ModemRates.Ensure(Options with { ShortTraining = shortTraining });
        SetTraining(shortTraining);
        Reset();
        _carrier.Reset();
    }

    public void Dispose()
    {
    }

    private void OnSymbol(float linePower)
    {
        _stateSymbols++;
        Complex z = _demodulator.SymbolSample;
        _historyPos = (_historyPos + 1) & 15;
        _history[_historyPos] = z;
        if (_state == State.SeekReversals)
        {
            SeekReversals(z, linePower);
            return;
        }

        Complex y = _tracker.Derotate(_equalizer.Apply(_demodulator.LineRe, _demodulator.LineIm));
        int phase = Slice(y, _state == State.Reversals || _state == State.Conditioning ? 4 : _phaseStep);
        Complex decision = V27terConstellation.Point(phase);
        int change = (phase - _previousPhase) & 7;
        _previousPhase = phase;
        switch (_state)
        {
            case State.Reversals:
                _tracker.Update(y, decision);
                if (change == 0 && _stateSymbols > 1)
                {
                    Enter(State.Conditioning);
                }
                else if (_stateSymbols > 400)
                {
                    FailTraining();
                }

                break;
            case State.Conditioning:
                Adapt(y, decision, 0.1);
                if (_stateSymbols >= _conditioningLength - 12)
                {
                    Enter(State.Ones);
                    _demodulator.TimingGain = 0.005;
                    _ones = 0;
                }

                break;
            default:
                Adapt(y, decision, _state == State.Data ? 0.05 : 0.15);
                int bits = V27terConstellation.Bits(change, Options.BitRate);
                for (int i = _bitsPerSymbol - 1; i >= 0; i--)
                {
                    Deliver(_descrambler.Descramble((bits >> i) & 1));
                }

                Complex error = decision - y;
                _signalEnergy += (1 - _signalEnergy) / 64;
                _errorEnergy += ((error.Real * error.Real) + (error.Imaginary * error.Imaginary) - _errorEnergy) / 64;
                if (_state == State.Ones && _stateSymbols > 60)
                {
                    FailTraining();
                }

                break;
        }
    }

    /// <summary>Continuous reversals: z_k ≈ −z_k-1 whatever the carrier phase.</summary>
    private void SeekReversals(Complex z, float linePower)
    {
        Complex z1 = _history[(_historyPos - 1) & 15];
        Complex z2 = _history[(_historyPos - 2) & 15];
        _d1Average += ((z * Complex.Conjugate(z1)) - _d1Average) / 8;
        _d2Average += ((z * Complex.Conjugate(z2)) - _d2Average) / 8;
        _powerAverage += (((z.Real * z.Real) + (z.Imaginary * z.Imaginary)) - _powerAverage) / 8;
        bool reversing = _stateSymbols > _detectAfter && _d1Average.Real < -0.6 * _powerAverage && _d2Average.Real > 0.6 * _powerAverage
            && (_shortTraining || Math.Abs(_demodulator.TimingErrorAverage) < 0.12);
        _detectCount = reversing ? _detectCount + 1 : 0;
        if (_detectCount < _detectSymbols)
        {
            return;
        }

        // Rotation per symbol from Σ z_k conj(z_k-2) over the last symbols; the axis of the reversals from their squares.
        Complex d1 = Complex.Zero;
        for (int i = 0; i < 12; i++)
        {
            d1 -= _history[(_historyPos - i) & 15] * Complex.Conjugate(_history[(_historyPos - i - 1) & 15]);
        }

        double omega = Math.Atan2(d1.Imaginary, d1.Real);
        // The gain from the symbols of the signal only: after a short training's few reversals the oldest of the eight
        // may still be the silence before it.
        Complex squares = Complex.Zero;
        double magnitude = 0;
        int counted = 0;
        double newest = z.Magnitude;
        for (int i = 0; i < 8; i++)
        {
            Complex zi = _history[(_historyPos - i) & 15] * Complex.FromPolarCoordinates(1, omega * i);
            squares += zi * zi;
            if (zi.Magnitude > 0.5 * newest)
            {
                magnitude += zi.Magnitude;
                counted++;
            }
        }

        _demodulator.GainFrozen = true;
        _demodulator.TimingGain = 0.01;
        _equalizer.Reset(counted / magnitude);
        int lag = _equalizer.CentreTap / 2;
        _tracker.Reset((squares.Phase / 2) - (omega * lag), omega);
        _previousPhase = 0;
        _carrier.SetTrainedLevel(linePower);
        Enter(State.Reversals);
        _sink.OnStatus(ModemStatus.CarrierUp);
        _sink.OnStatus(ModemStatus.TrainingInProgress);
    }

    /// <summary>The nearest phase on a grid of <paramref name="step"/> × 45° (1, 2 or 4), without trigonometry.</summary>
    private static int Slice(Complex y, int step)
    {
        double re = y.Real;
        double im = y.Imaginary;
        if (step == 4)
        {
            return re >= 0 ? 0 : 4;
        }

        if (step == 2)
        {
            return Math.Abs(re) >= Math.Abs(im) ? (re >= 0 ? 0 : 4) : (im >= 0 ? 2 : 6);
        }

        // Eight phases: rotate by +22.5° so the decision region of phase k becomes the octant [45k°, 45k° + 45°).
        const double c = 0.92387953251128674;
        const double s = 0.38268343236508978;
        double u = (re * c) - (im * s);
        double v = (im * c) + (re * s);
        int octant = v >= 0
            ? (u >= 0 ? (u >= v ? 0 : 1) : (-u <= v ? 2 : 3))
            : (u < 0 ? (-u >= -v ? 4 : 5) : (u <= -v ? 6 : 7));
        return octant;
    }

    private void Deliver(int bit)
    {
        if (_state == State.Data)
        {
            _sink.PutBit(bit);
            return;
        }

        _ones = bit == 1 ? _ones + 1 : 0;
        if (_ones >= _onesToTrain)
        {
            Enter(State.Data);
            _sink.OnStatus(ModemStatus.TrainingSucceeded);
        }
    }

    private void Adapt(Complex y, Complex decision, double step)
    {
        Complex error = (decision - y) * _tracker.Rotation;
        _equalizer.Update(_demodulator.LineRe, _demodulator.LineIm, error, step / EqualizerTaps);
        _tracker.Update(y, decision);
    }

    private void FailTraining()
    {
        _sink.OnStatus(ModemStatus.TrainingFailed);
        Reset();
        _state = State.SeekReversals;
    }

    private void LoseCarrier()
    {
        if (_state >= State.Reversals)
        {
            if (_state != State.Data)
            {
                _sink.OnStatus(ModemStatus.TrainingFailed);
            }

            _sink.OnStatus(ModemStatus.CarrierDown);
        }

        Reset();
        _carrier.StartHoldoff();
    }

    private void Reset()
    {
        _state = State.Idle;
        _demodulator.Reset();
        _demodulator.TimingGain = 0.15;
        _tracker.Reset(0, 0);
        Array.Clear(_history);
        _historyPos = 0;
        _d1Average = Complex.Zero;
        _d2Average = Complex.Zero;
        _powerAverage = 0;
        _detectCount = 0;
        _stateSymbols = 0;
        _ones = 0;
        _signalEnergy = 0;
        _errorEnergy = 0;
    }

    private void SetTraining(bool shortTraining)
    {
        _conditioningLength = shortTraining ? V27terTraining.ConditioningShort : V27terTraining.ConditioningLong;
        _detectSymbols = shortTraining ? DetectSymbolsShort : DetectSymbolsLong;
        _detectAfter = shortTraining ? DetectAfterShort : DetectAfterLong;
        _shortTraining = shortTraining;
    }

    private void Enter(State state)
    {
        _state = state;
        _stateSymbols = 0;
    }
}
