using System.Numerics;
using FaxBox.Fax.Managed.Dsp;
using FaxBox.Fax.Modems;

namespace FaxBox.Fax.Managed.V29;

/// <summary>
/// ITU-T V.29 receiver at 9600 or 7200 bit/s. It recognises segment 2 (A/B alternations) by its structure, not by
/// energy alone, so line noise never raises carrier; estimates the frequency offset and carrier phase there, trains a
/// T/2 LMS equaliser decision-directed on the C/D conditioning pattern of segment 3, proves the training on the
/// scrambled ones of segment 4, then delivers descrambled data until the signal falls 10 dB below its trained level
/// or under the absolute carrier-off threshold.
/// </summary>
internal sealed class V29Receiver : IModemReceiver
{
    private const int EqualizerTaps = 32;
    private const int DetectSymbols = 12;
    private const int OnesToTrain = 64;

    private readonly CarrierGate _carrier = new();
    private readonly IModemBitSink _sink;
    private readonly QamDemodulator _demodulator;
    private readonly LmsEqualizer _equalizer = new(EqualizerTaps);
    private readonly CarrierTracker _tracker = new();
    private readonly Scrambler _descrambler = Scrambler.V17V29();
    private readonly Complex[] _history = new Complex[16];
    private readonly Complex[] _points;
    private readonly int[] _pointPhase;
    private readonly int[] _pointQ1;
    private readonly Complex _a;
    private readonly Complex _b;
    private readonly Complex _c;
    private readonly Complex _d;
    private readonly int _bitsPerSymbol;
    private readonly double _targetPower;

    private State _state;
    private int _historyPos;
    private long _symbols;
    private Complex _d2Average;
    private double _powerAverage;
    private double _alternation;
    private double _adjacentMagnitude;
    private int _detectCount;
    private bool _expectA;
    private int _deviations;
    private int _stateSymbols;
    private int _previousPhase;
    private int _ones;
    private double _signalEnergy;
    private double _errorEnergy;

    public V29Receiver(ModemOptions options, IModemBitSink sink)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(sink);
        if (options.Type != ModemType.V29 || (options.BitRate != 9600 && options.BitRate != 7200))
        {
            throw new ArgumentException($"V.29 receives at 9600 or 7200 bit/s, not {options.Type} {options.BitRate}.", nameof(options));
        }

        Options = options;
        _sink = sink;
        _bitsPerSymbol = options.BitRate / V29Transmitter.Baud;
        int rate = options.BitRate;
        _a = V29Constellation.TrainingPoint(V29Constellation.PhaseA, rate);
        _b = V29Constellation.TrainingPoint(V29Constellation.PhaseB, rate);
        _c = V29Constellation.TrainingPoint(V29Constellation.PhaseC, rate);
        _d = V29Constellation.TrainingPoint(V29Constellation.PhaseD, rate);
        _targetPower = ((_a.Magnitude * _a.Magnitude) + (_b.Magnitude * _b.Magnitude)) / 2;
        _demodulator = new QamDemodulator(V29Transmitter.Baud, V29Transmitter.CarrierHz, V29Transmitter.RollOff, EqualizerTaps, _targetPower);
        int count = _bitsPerSymbol == 4 ? 16 : 8;
        _points = new Complex[count];
        _pointPhase = new int[count];
        _pointQ1 = new int[count];
        for (int i = 0; i < count; i++)
        {
            _pointPhase[i] = i & 7;
            _pointQ1[i] = i >> 3;
            _points[i] = V29Constellation.Point(i & 7, i >> 3);
        }

        Reset();
    }

    private enum State
    {
        Idle,
        SeekSegment2,
        Segment2,
        Segment3,
        Segment4,
        Data,
    }

    public ModemOptions Options { get; }

    public bool Trained => _state == State.Data;

    public double SignalQualityDb => Trained && _errorEnergy > 0 ? 10 * Math.Log10(_signalEnergy / _errorEnergy) : double.NaN;

    /// <summary>Frequency offset tracked by the carrier loop in Hz (diagnostic).</summary>
    public double FrequencyOffsetHz => _tracker.Frequency * V29Transmitter.Baud / (2 * Math.PI);

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

                _state = State.SeekSegment2;
            }
            else if (_carrier.Ended(power, trained: _state >= State.Segment3))
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

    /// <summary>Re-arms the receiver for a new training (V.29 has only one).</summary>
    public void Restart(bool shortTraining)
    {
        ModemRates.Ensure(Options with { ShortTraining = shortTraining });
        Reset();
        _carrier.Reset();
    }

    public void Dispose()
    {
    }

    private void OnSymbol(float linePower)
    {
        _symbols++;
        _stateSymbols++;
        Complex z = _demodulator.SymbolSample;
        _historyPos = (_historyPos + 1) & 15;
        _history[_historyPos] = z;
        switch (_state)
        {
            case State.SeekSegment2:
                SeekSegment2(z, linePower);
                break;
            case State.Segment2:
                TrackSegment2();
                break;
            case State.Segment3:
                TrainSegment3();
                break;
            default:
                ReceiveData();
                break;
        }
    }

    /// <summary>A/B alternations: z_k ≈ z_k-2 and the angle between neighbours swings ±135° every symbol, whatever the carrier phase.</summary>
    private void SeekSegment2(Complex z, float linePower)
    {
        Complex z1 = _history[(_historyPos - 1) & 15];
        Complex z2 = _history[(_historyPos - 2) & 15];
        Complex d2 = z * Complex.Conjugate(z2);
        Complex adjacent = z * Complex.Conjugate(z1);
        double sign = (_symbols & 1) == 0 ? 1 : -1;
        _d2Average += (d2 - _d2Average) / 16;
        _powerAverage += (((z.Real * z.Real) + (z.Imaginary * z.Imaginary)) - _powerAverage) / 16;
        _alternation += ((sign * adjacent.Imaginary) - _alternation) / 16;
        _adjacentMagnitude += (adjacent.Magnitude - _adjacentMagnitude) / 16;
        bool looksLikeAb = _stateSymbols > 24
            && _d2Average.Real > 0.6 * _powerAverage
            && Math.Abs(_alternation) > 0.45 * _adjacentMagnitude;
        _detectCount = looksLikeAb ? _detectCount + 1 : 0;
        if (_detectCount < DetectSymbols)
        {
            return;
        }

        // Rotation per symbol from z_k conj(z_k-2); then which of the last symbols were A and which B.
        double omega = Math.Atan2(_d2Average.Imaginary, _d2Average.Real) / 2;
        Complex evenA = Complex.Zero;
        Complex evenB = Complex.Zero;
        double refEnergy = 0;
        for (int i = 0; i < 8; i++)
        {
            Complex zi = _history[(_historyPos - i) & 15] * Complex.FromPolarCoordinates(1, omega * i);
            bool even = (i & 1) == 0;
            evenA += zi * Complex.Conjugate(even ? _a : _b);
            evenB += zi * Complex.Conjugate(even ? _b : _a);
            refEnergy += even ? _a.Magnitude * _a.Magnitude : _b.Magnitude * _b.Magnitude;
        }

        bool newestIsA = evenA.Magnitude >= evenB.Magnitude;
        Complex gain = (newestIsA ? evenA : evenB) / refEnergy;
        _demodulator.GainFrozen = true;
        _demodulator.TimingGain = 0.01;
        _equalizer.Reset(1 / gain.Magnitude);

        // The equaliser output lags the newest sample by its centre tap (an even number of symbols back).
        int lag = _equalizer.CentreTap / 2;
        _tracker.Reset(gain.Phase - (omega * lag), omega);
        _expectA = !newestIsA;
        _carrier.SetTrainedLevel(linePower);
        Enter(State.Segment2);
        _sink.OnStatus(ModemStatus.CarrierUp);
        _sink.OnStatus(ModemStatus.TrainingInProgress);
    }

    private void TrackSegment2()
    {
        Complex y = _tracker.Derotate(_equalizer.Apply(_demodulator.LineRe, _demodulator.LineIm));
        Complex expected = _expectA ? _a : _b;
        Complex other = _expectA ? _b : _a;
        double distExpected = Distance(y, expected);
        bool conditioning = Math.Min(Distance(y, _c), Distance(y, _d)) < Math.Min(distExpected, Distance(y, other));
        _deviations = conditioning ? _deviations + 1 : 0;
        if (_deviations >= 2)
        {
            Enter(State.Segment3);
            _stateSymbols = 2;
            return;
        }

        _tracker.Update(y, expected);
        _expectA = !_expectA;
        if (_stateSymbols > V29Training.Segment2 + 16)
        {
            FailTraining();
        }
    }

    private void TrainSegment3()
    {
        Complex y = _tracker.Derotate(_equalizer.Apply(_demodulator.LineRe, _demodulator.LineIm));
        bool isC = Distance(y, _c) <= Distance(y, _d);
        Complex decision = isC ? _c : _d;
        _previousPhase = isC ? V29Constellation.PhaseC : V29Constellation.PhaseD;
        Adapt(y, decision, 0.3);
        if (_stateSymbols >= V29Training.Segment3 - 4)
        {
            Enter(State.Segment4);
            _demodulator.TimingGain = 0.005;
            _descrambler.Reset();
            _ones = 0;
        }
    }

    private void ReceiveData()
    {
        Complex y = _tracker.Derotate(_equalizer.Apply(_demodulator.LineRe, _demodulator.LineIm));
        int best = 0;
        double bestDistance = double.MaxValue;
        for (int i = 0; i < _points.Length; i++)
        {
            double distance = Distance(y, _points[i]);
            if (distance < bestDistance)
            {
                bestDistance = distance;
                best = i;
            }
        }

        Complex decision = _points[best];
        Adapt(y, decision, _state == State.Data ? 0.05 : 0.15);
        int phase = _pointPhase[best];
        int tribit = V29Constellation.Tribit(phase - _previousPhase);
        _previousPhase = phase;
        if (_bitsPerSymbol == 4)
        {
            Deliver(_descrambler.Descramble(_pointQ1[best]));
        }

        Deliver(_descrambler.Descramble(tribit >> 2));
        Deliver(_descrambler.Descramble((tribit >> 1) & 1));
        Deliver(_descrambler.Descramble(tribit & 1));

        Complex error = decision - y;
        _signalEnergy += ((decision.Real * decision.Real) + (decision.Imaginary * decision.Imaginary) - _signalEnergy) / 64;
        _errorEnergy += ((error.Real * error.Real) + (error.Imaginary * error.Imaginary) - _errorEnergy) / 64;
        if (_state == State.Segment4 && _stateSymbols > V29Training.Segment4 + 40)
        {
            FailTraining();
        }
    }

    private void Deliver(int bit)
    {
        if (_state == State.Data)
        {
            _sink.PutBit(bit);
            return;
        }

        _ones = bit == 1 ? _ones + 1 : 0;
        if (_ones >= OnesToTrain)
        {
            Enter(State.Data);
            _sink.OnStatus(ModemStatus.TrainingSucceeded);
        }
    }

    private void Adapt(Complex y, Complex decision, double step)
    {
        Complex error = (decision - y) * _tracker.Rotation;
        _equalizer.Update(_demodulator.LineRe, _demodulator.LineIm, error, step / (EqualizerTaps * _targetPower));
        _tracker.Update(y, decision);
    }

    private void FailTraining()
    {
        _sink.OnStatus(ModemStatus.TrainingFailed);
        Reset();
        _state = State.SeekSegment2;
    }

    private void LoseCarrier()
    {
        if (_state >= State.Segment2)
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
        _demodulator.TimingGain = 0.05;
        _tracker.Reset(0, 0);
        Array.Clear(_history);
        _historyPos = 0;
        _symbols = 0;
        _d2Average = Complex.Zero;
        _powerAverage = 0;
        _alternation = 0;
        _adjacentMagnitude = 0;
        _detectCount = 0;
        _deviations = 0;
        _stateSymbols = 0;
        _ones = 0;
        _signalEnergy = 0;
        _errorEnergy = 0;
    }

    private void Enter(State state)
    {
        _state = state;
        _stateSymbols = 0;
    }

    private static double Distance(Complex a, Complex b)
    {
        double dr = a.Real - b.Real;
        double di = a.Imaginary - b.Imaginary;
        return (dr * dr) + (di * di);
    }
}
