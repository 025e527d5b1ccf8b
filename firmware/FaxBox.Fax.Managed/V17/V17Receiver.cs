using System.Numerics;
using FaxBox.Fax.Managed.Dsp;
using FaxBox.Fax.Modems;

namespace FaxBox.Fax.Managed.V17;

/// <summary>
/// ITU-T V.17 receiver at 14400, 12000, 9600 or 7200 bit/s. It recognises segment 1 (A/B alternations 90° apart) by
/// its structure, locks carrier and timing there, finds the start of segment 2 by matching the known scrambler pattern
/// under all four 90° rotations (which also resolves the phase ambiguity of ABAB), trains the T/2 LMS equaliser on the
/// known elements of segments 2 and 3 (segment 2 alone in the short training), then decodes segment 4 and the data with
/// an 8-state Viterbi decoder (<see cref="V17Viterbi"/>), undoes the differential coding and descrambles. Training succeeds on 64 consecutive
/// descrambled ones, or on a noisy line on 70 % ones over all of segment 4; the carrier ends 10 dB below its trained
/// level or under the absolute threshold.
/// </summary>
internal sealed class V17Receiver : IModemReceiver
{
    private const int EqualizerTaps = 32;
    private const int DetectSymbols = 12;
    private const int PatternMatch = 24;
    private const int OnesToTrain = 64;

    /// <summary>
    /// Carrier loop gains once data flows (the training ones are the tracker's defaults): the proportional one on the
    /// slicer's decisions, the integral one on the Viterbi decoder's (see <see cref="ReceiveData"/>).
    /// </summary>
    private const double DataTrackerAlpha = 0.05;

    private const double DataTrackerBeta = 0.00003;

    /// <summary>Derotated symbols kept until the decoder decides them (a power of two above Depth + 2·Block).</summary>
    private const int DecoderInputRing = 64;

    private const double TrainingTrackerAlpha = 0.1;

    /// <summary>Known element of segments 2 and 3 from which the carrier loop runs with narrow gains (long training only).</summary>
    private const int GearShift = 256;

    private const double TrainingTrackerBeta = 0.004;

    /// <summary>Integral gain of the carrier loop on the known elements from <see cref="GearShift"/> on (proportional: <see cref="DataTrackerAlpha"/>).</summary>
    private const double NarrowTrainingTrackerBeta = 0.0004;

    /// <summary>Equaliser step on the known elements of segment 2 up to <see cref="GearShift"/> (fast acquisition; all of a short training).</summary>
    private const double TrainingStep = 0.3;

    /// <summary>
    /// Equaliser step on the known elements from <see cref="GearShift"/> to <see cref="FineShift"/>. A long training has
    /// ~3000 known elements: after acquisition, smaller steps leave less misadjustment noise in the taps the data phase
    /// starts from (its decision-directed step is small, so that noise would stay for thousands of symbols).
    /// </summary>
    private const double TrainingStepNarrow = 0.1;

    /// <summary>Equaliser step on the known elements from <see cref="FineShift"/> to the end of segment 3.</summary>
    private const double TrainingStepFine = 0.03;

    /// <summary>Known element of segments 2 and 3 from which the equaliser trains with <see cref="TrainingStepFine"/>.</summary>
    private const int FineShift = 1024;

    /// <summary>
    /// A decision adapts the equaliser and steers the carrier loop only if the slicer error is within this share of the
    /// signal space's minimum distance (a "stop-and-go" rule): at a low signal-to-noise ratio a decision far from its
    /// element is as likely wrong as right, and wrong decisions pull the taps and the phase toward a wrong solution.
    /// </summary>
    private const double ReliableShareOfMinimumDistance = 0.35;

    /// <summary>Equaliser step once data flows.</summary>
    private const double DataStep = 0.02;

    /// <summary>Equaliser step in segment 4 (known targets, then decisions until the training is proven).</summary>
    private const double Segment4Step = 0.15;

    /// <summary>Segment 4 bits skipped while the descrambler synchronises (more than its 23 stages).</summary>
    private const int DescramblerSync = 24;

    /// <summary>Share of ones among segment 4's descrambled bits that still proves the training on a noisy line (noise gives a half).</summary>
    private const double OnesShareToTrain = 0.7;

    private readonly CarrierGate _carrier = new();
    private readonly IModemBitSink _sink;
    private readonly QamDemodulator _demodulator;
    private readonly LmsEqualizer _equalizer = new(EqualizerTaps);
    private readonly CarrierTracker _tracker = new();
    private readonly Scrambler _descrambler = Scrambler.V17V29();
    private readonly V17Viterbi _viterbi = new();
    private readonly V17Constellation _constellation;
    private readonly V17Segment4Reference _segment4;
    private readonly Complex[] _history = new Complex[16];
    private readonly Complex[] _decoderInput = new Complex[DecoderInputRing];
    private int _decoderIn;
    private int _decoderOut;
    private readonly int[] _longPattern;
    private readonly int[] _shortPattern;
    private readonly int[] _quadrants = new int[PatternMatch];
    private readonly float[] _laneDistance = new float[8];
    private readonly int[] _lanePoint = new int[8];
    private readonly Complex[] _training;
    private readonly double _targetPower;
    private readonly double _reliableErrorPower;

    private int[] _pattern;
    private bool _shortTraining;
    private State _state;
    private int _historyPos;
    private long _symbols;
    private Complex _d2Average;
    private double _powerAverage;
    private double _alternation;
    private double _adjacentMagnitude;
    private int _detectCount;
    private int _stateSymbols;
    private int _patternIndex;
    private int _previousY;
    private int _ones;
    private int _segment4Bits;
    private int _segment4Ones;
    private double _signalEnergy;
    private double _errorEnergy;

    public V17Receiver(ModemOptions options, IModemBitSink sink)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(sink);
        if (options.Type != ModemType.V17 || options.BitRate is not (14400 or 12000 or 9600 or 7200))
        {
            throw new ArgumentException($"V.17 receives at 14400, 12000, 9600 or 7200 bit/s, not {options.Type} {options.BitRate}.", nameof(options));
        }

        Options = options;
        _sink = sink;
        _constellation = V17Constellation.ForRate(options.BitRate);
        _segment4 = new V17Segment4Reference(_constellation);
        _training = V17Constellation.Training;
        _targetPower = _constellation.MeanPower;
        _reliableErrorPower = ReliableShareOfMinimumDistance * ReliableShareOfMinimumDistance * _constellation.MinimumDistanceSquared;
        _demodulator = new QamDemodulator(V17Transmitter.Baud, V17Transmitter.CarrierHz, V17Transmitter.RollOff, EqualizerTaps, _targetPower);

        // The known element indices of segments 2 and 3, for both trainings (Restart switches between them).
        _longPattern = V17Training.Pattern(shortTraining: false);
        _shortPattern = V17Training.Pattern(shortTraining: true);
        _shortTraining = options.ShortTraining;
        _pattern = _shortTraining ? _shortPattern : _longPattern;

        Reset();
    }

    private enum State
    {
        Idle,
        SeekSegment1,
        Segment1,
        Segment2And3,
        Segment4,
        Data,
    }

    public ModemOptions Options { get; }

    public bool Trained => _state == State.Data;

    public double SignalQualityDb => Trained && _errorEnergy > 0 ? 10 * Math.Log10(_signalEnergy / _errorEnergy) : double.NaN;

    /// <summary>Frequency offset tracked by the carrier loop in Hz (diagnostic).</summary>
    public double FrequencyOffsetHz => _tracker.Frequency * V17Transmitter.Baud / (2 * Math.PI);

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

                _state = State.SeekSegment1;
            }
            else if (_carrier.Ended(power, trained: _state >= State.Segment2And3))
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
    /// Re-arms the receiver for a new training: long, or short (segment 2 of 38 elements and no bridge, as spandsp sends
    /// it after <c>v17_tx_restart(short_train = 1)</c>). The managed receiver trains its equaliser afresh either way, so a
    /// short training needs no long one before it.
    /// </summary>
    public void Restart(bool shortTraining)
    {
        ModemRates.Ensure(Options with { ShortTraining = shortTraining });
        _shortTraining = shortTraining;
        _pattern = shortTraining ? _shortPattern : _longPattern;
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
            case State.SeekSegment1:
                SeekSegment1(z, linePower);
                break;
            case State.Segment1:
                TrackSegment1();
                break;
            case State.Segment2And3:
                TrainSegment2And3();
                break;
            default:
                ReceiveData();
                break;
        }
    }

    /// <summary>A/B alternations: z_k ≈ z_k-2 and the angle between neighbours swings ±90° every symbol, whatever the carrier phase.</summary>
    private void SeekSegment1(Complex z, float linePower)
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
            && Math.Abs(_alternation) > 0.6 * _adjacentMagnitude;
        _detectCount = looksLikeAb ? _detectCount + 1 : 0;
        if (_detectCount < DetectSymbols)
        {
            return;
        }

        // Rotation per symbol from z_k conj(z_k-2); then whether the newest symbol is A or B (segment 1 alternates B and
        // A = B·j). The 90° ambiguity this leaves is resolved against the segment 2 pattern.
        double omega = Math.Atan2(_d2Average.Imaginary, _d2Average.Real) / 2;
        Complex newestA = Complex.Zero;
        Complex newestB = Complex.Zero;
        double refEnergy = 0;
        for (int i = 0; i < 8; i++)
        {
            Complex zi = _history[(_historyPos - i) & 15] * Complex.FromPolarCoordinates(1, omega * i);
            bool even = (i & 1) == 0;
            newestA += zi * Complex.Conjugate(_training[even ? 0 : 3]);
            newestB += zi * Complex.Conjugate(_training[even ? 3 : 0]);
            refEnergy += _training[0].Magnitude * _training[0].Magnitude;
        }

        Complex gain = (newestA.Magnitude >= newestB.Magnitude ? newestA : newestB) / refEnergy;
        _demodulator.GainFrozen = true;
        _demodulator.TimingGain = 0.02;
        _equalizer.Reset(1 / gain.Magnitude);
        int lag = _equalizer.CentreTap / 2;
        _tracker.Reset(gain.Phase - (omega * lag), omega);
        _carrier.SetTrainedLevel(linePower);
        Array.Clear(_quadrants);
        Enter(State.Segment1);
        _sink.OnStatus(ModemStatus.CarrierUp);
        _sink.OnStatus(ModemStatus.TrainingInProgress);
    }

    /// <summary>Tracks the alternations and watches for the first <see cref="PatternMatch"/> elements of segment 2.</summary>
    private void TrackSegment1()
    {
        Complex y = _tracker.Derotate(_equalizer.Apply(_demodulator.LineRe, _demodulator.LineIm));
        int quadrant = NearestTraining(y);
        Array.Copy(_quadrants, 1, _quadrants, 0, PatternMatch - 1);
        _quadrants[PatternMatch - 1] = quadrant;
        if (_stateSymbols > PatternMatch)
        {
            int rotation = (_quadrants[0] - _pattern[0]) & 3;
            bool match = true;
            for (int i = 1; i < PatternMatch && match; i++)
            {
                match = ((_quadrants[i] - _pattern[i]) & 3) == rotation;
            }

            if (match)
            {
                // The tracker's frame is turned by rotation·90°: turn it back so that y lands on the named elements.
                _tracker.Reset(_tracker.Rotation.Phase + (rotation * Math.PI / 2), _tracker.Frequency);
                _patternIndex = PatternMatch;
                Enter(State.Segment2And3);
                return;
            }
        }

        _tracker.Update(y, _training[quadrant]);
        if (_stateSymbols > V17Training.Segment1 + 32)
        {
            FailTraining();
        }
    }

    private void TrainSegment2And3()
    {
        Complex y = _tracker.Derotate(_equalizer.Apply(_demodulator.LineRe, _demodulator.LineIm));
        double step = _patternIndex < GearShift ? TrainingStep : _patternIndex < FineShift ? TrainingStepNarrow : TrainingStepFine;
        Adapt(y, _training[_pattern[_patternIndex]], step);
        if (_patternIndex == GearShift)
        {
            // Carrier acquired (a ±10 Hz offset within segment 1 and the start of segment 2): narrow the loop so that the
            // frequency it hands to the data phase is not off by the noise of a wide loop (0.001 rad/symbol walks the phase
            // of the 128-point space away within a few hundred symbols).
            _tracker.Alpha = DataTrackerAlpha;
            _tracker.Beta = NarrowTrainingTrackerBeta;
        }

        if (++_patternIndex == _pattern.Length)
        {
            Enter(State.Segment4);
            _demodulator.TimingGain = 0.01;
            _viterbi.Reset();
            _decoderIn = 0;
            _decoderOut = 0;
            _segment4.Reset(_shortTraining);
            _descrambler.Reset();
            _previousY = V17Training.Segment4PreviousYFor(_shortTraining);
            _ones = 0;
            _segment4Bits = 0;
            _segment4Ones = 0;
        }
    }

    private void ReceiveData()
    {
        Complex y = _tracker.Derotate(_equalizer.Apply(_demodulator.LineRe, _demodulator.LineIm));
        int best = _constellation.Slice((float)y.Real, (float)y.Imaginary, _laneDistance, _lanePoint);
        Complex decision = _constellation.Points[best];
        Complex error = decision - y;
        double errorPower = (error.Real * error.Real) + (error.Imaginary * error.Imaginary);
        if (_state == State.Segment4 && _stateSymbols <= V17Training.Segment4)
        {
            // Segment 4 is known (scrambled ones from a known scrambler state): train on it rather than on decisions,
            // which at a low signal-to-noise ratio are often wrong in the data rate's dense signal space.
            Adapt(y, _segment4.Next(), Segment4Step);
        }
        else if (errorPower <= _reliableErrorPower)
        {
            Adapt(y, decision, _state == State.Data ? DataStep : Segment4Step);
        }
        else
        {
            // An unreliable decision: no adaptation, and the carrier loop only advances by its tracked frequency.
            _tracker.Update(y, decision, 0);
        }

        _signalEnergy += ((decision.Real * decision.Real) + (decision.Imaginary * decision.Imaginary) - _signalEnergy) / 64;
        _errorEnergy += (errorPower - _errorEnergy) / 64;

        _decoderInput[_decoderIn++ & (DecoderInputRing - 1)] = y;
        if (_viterbi.Add(_laneDistance, _lanePoint, out int y1y2, out int point))
        {
            // The carrier loop's integral path runs on the decoder's decisions, which are far more often right than the
            // slicer's: the slicer's wrong ones bias the frequency, and the loop then walks the phase out of the dense
            // signal space for thousands of symbols (its proportional path has no pull back once decisions are wrong).
            // Their delay (Depth to Depth + 2·Block symbols) is short against the integral path's time constant.
            Complex decided = _constellation.Points[point];
            Complex delayed = _decoderInput[_decoderOut++ & (DecoderInputRing - 1)];
            double decidedPower = (decided.Real * decided.Real) + (decided.Imaginary * decided.Imaginary);
            double phaseError = ((delayed.Imaginary * decided.Real) - (delayed.Real * decided.Imaginary)) / decidedPower;
            _tracker.AdjustFrequency(DataTrackerBeta * Math.Clamp(phaseError, -0.5, 0.5) * decidedPower / _targetPower);

            int uncoded = _constellation.Uncoded(point);
            int q1q2 = V17Constellation.DifferentialDecode(y1y2, _previousY);
            _previousY = y1y2;
            Deliver(_descrambler.Descramble(q1q2 >> 1));
            Deliver(_descrambler.Descramble(q1q2 & 1));
            for (int b = _constellation.UncodedBits - 1; b >= 0; b--)
            {
                Deliver(_descrambler.Descramble((uncoded >> b) & 1));
            }
        }

        // The last segment 4 decision leaves the decoder Depth + Block − 1 symbols after segment 4 ends (48 is a whole
        // number of blocks).
        if (_state == State.Segment4 && _stateSymbols == V17Training.Segment4 + V17Viterbi.Depth + V17Viterbi.Block - 1
            && _segment4Ones >= OnesShareToTrain * (_segment4Bits - DescramblerSync))
        {
            // Every segment 4 decision is out: mostly ones is proof enough on a line too noisy for an unbroken run.
            Enter(State.Data);
            _sink.OnStatus(ModemStatus.TrainingSucceeded);
        }
        else if (_state == State.Segment4 && _stateSymbols > V17Training.Segment4 + V17Viterbi.Depth + V17Viterbi.Block + 40)
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
        if (++_segment4Bits > DescramblerSync)
        {
            _segment4Ones += bit;
        }

        if (_ones >= OnesToTrain)
        {
            Enter(State.Data);
            _sink.OnStatus(ModemStatus.TrainingSucceeded);
        }
    }

    private int NearestTraining(Complex y)
    {
        int best = 0;
        double bestDistance = double.MaxValue;
        for (int i = 0; i < 4; i++)
        {
            double distance = Distance(y, _training[i]);
            if (distance < bestDistance)
            {
                bestDistance = distance;
                best = i;
            }
        }

        return best;
    }

    private void Adapt(Complex y, Complex decision, double step)
    {
        Complex error = (decision - y) * _tracker.Rotation;
        _equalizer.Update(_demodulator.LineRe, _demodulator.LineIm, error, step / (EqualizerTaps * _targetPower));
        if (_state is State.Segment4 or State.Data)
        {
            // An element's angle error counts in proportion to its power: a noise-sized error on an inner element is a
            // large angle, and at a low signal-to-noise ratio the inner elements' wrong decisions would walk the loop.
            _tracker.Update(y, decision, ((decision.Real * decision.Real) + (decision.Imaginary * decision.Imaginary)) / _targetPower);
        }
        else
        {
            _tracker.Update(y, decision);
        }
    }

    private void FailTraining()
    {
        _sink.OnStatus(ModemStatus.TrainingFailed);
        Reset();
        _state = State.SeekSegment1;
    }

    private void LoseCarrier()
    {
        if (_state >= State.Segment1)
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
        _tracker.Alpha = TrainingTrackerAlpha;
        _tracker.Beta = TrainingTrackerBeta;
        Array.Clear(_history);
        _historyPos = 0;
        _symbols = 0;
        _d2Average = Complex.Zero;
        _powerAverage = 0;
        _alternation = 0;
        _adjacentMagnitude = 0;
        _detectCount = 0;
        _stateSymbols = 0;
        _ones = 0;
        _signalEnergy = 0;
        _errorEnergy = 0;
    }

    private void Enter(State state)
    {
        _state = state;
        _stateSymbols = 0;
        if (state is State.Segment4 or State.Data)
        {
            // Decision-directed from here on: with up to 128 points, noisy decisions must not walk the loops away.
            _tracker.Alpha = DataTrackerAlpha;
            _tracker.Beta = 0;
        }
    }

    private static double Distance(Complex a, Complex b)
    {
        double dr = a.Real - b.Real;
        double di = a.Imaginary - b.Imaginary;
        return (dr * dr) + (di * di);
    }
}
