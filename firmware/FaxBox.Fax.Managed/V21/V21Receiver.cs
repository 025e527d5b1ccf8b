using System.Runtime.CompilerServices;
using FaxBox.Core;
using FaxBox.Fax.Managed.Dsp;
using FaxBox.Fax.Modems;

namespace FaxBox.Fax.Managed.V21;

/// <summary>
/// V.21 channel 2 receiver (300 bit/s continuous-phase FSK, 1650 Hz = 1, 1850 Hz = 0, modulation index h = 2/3), sample by
/// sample:
/// <list type="number">
/// <item>Two sliding one-bit (27-sample) quadrature correlators, at the mark and at the space frequency, referenced to
/// absolute time, give the complex tone correlations C₁ and C₀ of the last bit-long window and their energies
/// E = |C|² — a matched filter per symbol, which also rejects everything outside the channel.</item>
/// <item>Carrier detect with hysteresis (V.21 §7): "on" when the in-channel level is above −43 dBm0 <em>and</em> the
/// signal's energy is concentrated in the two tones ((E₁+E₀)/(N·Σx²): about 0.55 for a clean FSK signal, 2/27 ≈ 0.074
/// for white noise) averaged over 16 bits, above 0.13, for two bit times; "off" when the level falls below −48 dBm0 or
/// the concentration, averaged over 32 bits, below 0.10 for two bit times (a carrier that stops is caught at once by the
/// level; the slow average only decides when a signal has sunk into noise, about 150 ms after a carrier ends in loud
/// noise). At −6 dB SNR (0–4 kHz) the concentration is about 0.17, so the carrier comes up within about 30 bits and holds;
/// the 16-bit average keeps white noise alone (mean 0.074, σ ≈ 0.01) far below 0.13 at any level.</item>
/// <item>Bit timing: a feed-forward estimator. The statistic |E₁−E₀|/(E₁+E₀) is largest when the window covers exactly
/// one bit; it is averaged per phase of the receiver's own bit clock (80 bins of 1/80 bit, each sample standing for the
/// three bins its 300-unit clock step covers, a running mean whose memory starts at 16 bits — 4 while the decision SNR
/// is 10 dB or more — and grows with the transitions seen to 256 bits) and the estimate is the best bin smoothed over
/// nine. The decision instant follows it by at most 3/8 bit (clean) or 1/10 bit (noisy) a bit until 48 transitions have
/// been seen, then by 1/80 bit a bit, searching every 8th bit: a loop far narrower than the transition-driven DPLL it
/// replaces, which at −6 dB SNR was pulled about by noise crossings until it slipped bits. ±100 ppm of clock offset is
/// 0.03 bit per second.</item>
/// <item>Decisions: multiple-symbol non-coherent detection over three bits. The signal is continuous-phase, so given
/// the bits (a, b, c) of three consecutive windows, their correlations differ only by the known phase steps
/// e^{∓j(ω₁−ω₀)τ} at the two bit boundaries τ and one common unknown carrier phase; the middle bit is the b of the triple
/// maximizing |C_a + C_b·r_ab + C_c·r_ab·r_bc|². With h = 2/3 this gains about 5× fewer errors at −6 dB SNR than
/// the one-bit decision sign(E₁−E₀) (≈2.4 % against ≈12 %; spandsp's receiver ≈13 %). Bits leave four bits late, the
/// windows read from a ring of the correlations at the current timing estimate (so the steps of the first transitions
/// after a steady preamble re-time them before they are decided); those held back are decided when the carrier drops,
/// the last over two windows.</item>
/// </list>
/// Bits are delivered only while carrier is detected; <see cref="ModemStatus.CarrierUp"/> and
/// <see cref="ModemStatus.CarrierDown"/> bracket them. V.21 has no training, so <see cref="Trained"/> follows the carrier.
/// The quality estimate is the decision SNR: mean² / variance of |E₁−E₀|/(E₁+E₀) at the decision instants (60 dB cap).
/// Allocation-free.
/// </summary>
internal sealed class V21Receiver : IModemReceiver
{
    /// <summary>Correlator length: one bit, 8000/300 = 26.7 samples, rounded up.</summary>
    private const int Window = 27;

    private const int BitClockModulus = AudioFrame.SampleRate;
    private const int HalfBit = BitClockModulus / 2;

    /// <summary>Timing bins: the bit clock advances 300 per sample over 8000, so its phases are multiples of 100.</summary>
    private const int PhaseBins = BitClockModulus / 100;

    private const int BinWidth = BitClockModulus / PhaseBins;
    private const int AcquisitionMemory = 16;
    private const int CleanAcquisitionMemory = 4;
    private const int TrackingMemory = 256;
    private const int TrackingSearchInterval = 8;
    private const int PeakSpan = 9;
    private const int AcquisitionTransitions = 48;
    private const int CleanAcquisitionSlew = 3 * BitClockModulus / 8;
    private const int AcquisitionSlew = BitClockModulus / 10;
    private const double CleanQuality = 10;
    private const int DecisionDelay = 4;

    /// <summary>Holds the windows of the decision delay, the two around it and a flush's age: 256 &gt; 6 bits.</summary>
    private const int RingLength = 256;
    private const int TrackingSlew = BinWidth;
    private const float Smoothing = 1f / (2 * Window);

    /// <summary>2/N²: a sine of power P gives E = (A·N/2)² in its correlator, so 2E/N² is the tone power.</summary>
    private const float TonePower = 2f / (Window * Window);
    private const float OnSmoothing = 1f / (16 * Window);
    private const float SlowSmoothing = 1f / (32 * Window);
    private const float ConcentrationOn = 0.13f;
    private const float ConcentrationOff = 0.10f;
    private const int PersistSamples = 2 * Window;

    /// <summary>1/n for the bins' running means (no division per sample).</summary>
    private static readonly float[] Reciprocals = Enumerable.Range(0, TrackingMemory + 1).Select(n => n == 0 ? 0f : 1f / n).ToArray();

    private readonly IModemBitSink _sink;
    private readonly uint _markStep = SineTable.Step(V21Channel2.MarkHz);
    private readonly uint _spaceStep = SineTable.Step(V21Channel2.SpaceHz);
    private readonly Products[] _window = new Products[Window];
    private readonly float[] _bins = new float[PhaseBins];
    private readonly V21SequenceDetector _history = new();
    private readonly Correlations[] _ring = new Correlations[RingLength];
    private readonly double _onPower = Levels.Power(V21Channel2.CarrierOnDbm0);
    private readonly double _offPower = Levels.Power(V21Channel2.CarrierOffDbm0);
    private double _sumMarkI;
    private double _sumMarkQ;
    private double _sumSpaceI;
    private double _sumSpaceQ;
    private double _sumPower;
    private uint _markPhase;
    private uint _spacePhase;
    private int _index;
    private float _concentration;
    private float _slowConcentration;
    private float _level;
    private int _persist;
    private bool _carrier;
    private int _bitClock;
    private int _decisionPhase;
    private int _sinceDecision;
    private int _ringIndex;
    private int _pending;
    private int _transitionsSinceUp;
    private int _lastBit;
    private int _binMemory;
    private int _best;
    private int _bitsSinceUp;
    private float _binWeight;
    private int _bitsSinceSearch;
    private double _meanDecision;
    private double _meanSquareDecision;
    private int _decisions;

    public V21Receiver(ModemOptions options, IModemBitSink sink)
    {
        ModemRates.Ensure(options);
        ArgumentNullException.ThrowIfNull(sink);
        if (options.Type != ModemType.V21)
        {
            throw new ArgumentException($"a V.21 receiver cannot receive {options.Type}", nameof(options));
        }

        Options = options;
        _sink = sink;
    }

    public ModemOptions Options { get; }

    public bool Trained => _carrier;

    public double SignalQualityDb
    {
        get
        {
            if (!_carrier || _decisions < 8)
            {
                return double.NaN;
            }

            var variance = _meanSquareDecision - (_meanDecision * _meanDecision);
            var snr = variance <= 1e-6 ? 1e6 : _meanDecision * _meanDecision / variance;
            return Math.Min(60, 10 * Math.Log10(snr));
        }
    }

    /// <summary>The smoothed in-channel level in dBm0 (the carrier detector's input).</summary>
    public double SignalPowerDbm0 => Levels.Dbm0(_level);

    public void Receive(ReadOnlySpan<short> frame)
    {
        AudioFrame.EnsureFrame(frame.Length, nameof(frame));
        foreach (var sample in frame)
        {
            Step(sample);
        }
    }

    /// <summary>Drops any carrier without a report and listens afresh (V.21 has no training).</summary>
    public void Restart(bool shortTraining)
    {
        ModemRates.Ensure(Options with { ShortTraining = shortTraining });
        _carrier = false;
        _persist = 0;
        _concentration = 0;
        _slowConcentration = 0;
        _level = 0;
        _pending = 0;
        _decisions = 0;
    }

    public void Dispose()
    {
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Step(float x)
    {
        var i = _index;
        var markPhase = _markPhase;
        var spacePhase = _spacePhase;
        var mi = x * SineTable.Cos(markPhase);
        var mq = x * SineTable.Sin(markPhase);
        var si = x * SineTable.Cos(spacePhase);
        var sq = x * SineTable.Sin(spacePhase);
        var p = x * x;
        _markPhase = markPhase + _markStep;
        _spacePhase = spacePhase + _spaceStep;
        ref var old = ref _window[i];
        _sumMarkI += mi - old.MarkI;
        _sumMarkQ += mq - old.MarkQ;
        _sumSpaceI += si - old.SpaceI;
        _sumSpaceQ += sq - old.SpaceQ;
        _sumPower += p - old.Power;
        old = new Products(mi, mq, si, sq, p);
        _index = i + 1 == Window ? 0 : i + 1;

        // C = Σ x·e^{−jωn} of the window ending here, kept for six bits.
        var r = _ringIndex;
        _ring[r] = new Correlations((float)_sumMarkI, (float)-_sumMarkQ, (float)_sumSpaceI, (float)-_sumSpaceQ);
        _ringIndex = (r + 1) & (RingLength - 1);

        var mark = (float)((_sumMarkI * _sumMarkI) + (_sumMarkQ * _sumMarkQ));
        var space = (float)((_sumSpaceI * _sumSpaceI) + (_sumSpaceQ * _sumSpaceQ));
        var tones = mark + space;
        var concentration = _sumPower > 1 ? tones * MathF.ReciprocalEstimate((float)(Window * _sumPower)) : 0f;
        _concentration += (concentration - _concentration) * OnSmoothing;
        _slowConcentration += (concentration - _slowConcentration) * SlowSmoothing;

        // A sine of power P gives E = (A·N/2)² in its correlator, so 2E/N² is the tone power.
        _level += ((tones * TonePower) - _level) * Smoothing;

        DetectCarrier();
        var before = _bitClock;
        _bitClock += V21Channel2.BitRate;
        if (_bitClock >= BitClockModulus)
        {
            _bitClock -= BitClockModulus;
        }

        if (_carrier)
        {
            RecoverBit(before, mark, space);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void DetectCarrier()
    {
        var change = _carrier
            ? _level < _offPower || _slowConcentration < ConcentrationOff
            : _level > _onPower && _concentration > ConcentrationOn;
        _persist = change ? _persist + 1 : 0;
        if (_persist < PersistSamples)
        {
            return;
        }

        _persist = 0;
        _carrier = !_carrier;
        if (_carrier)
        {
            _slowConcentration = _concentration;
            Array.Clear(_bins);
            _bitsSinceUp = 0;
            _binWeight = 1;
            _decisionPhase = -1;
            _sinceDecision = 0;
            _transitionsSinceUp = 0;
            _lastBit = -1;
            _binMemory = AcquisitionMemory;
            _pending = 0;
            _meanDecision = 0;
            _meanSquareDecision = 0;
            _decisions = 0;
            _sink.OnStatus(ModemStatus.CarrierUp);
        }
        else
        {
            Flush(_sinceDecision + 1);
            _sink.OnStatus(ModemStatus.CarrierDown);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void RecoverBit(int before, float mark, float space)
    {
        var tones = mark + space;
        var decision = mark - space;

        // |E₁−E₀|/(E₁+E₀) with the processor's reciprocal estimate (12 bits are plenty for a timing statistic).
        var alignment = tones > 0 ? MathF.Abs(decision) * MathF.ReciprocalEstimate(tones) : 0f;

        // The clock moved 300 (three bins) since the last sample: the sample stands for all three, so every bit updates
        // every bin (one sample per bin would leave two thirds of them untouched by any one transition).
        var bin = _bitClock / BinWidth;
        var weight = _binWeight;
        var bins = _bins.AsSpan();
        if (bin >= 2)
        {
            var three = bins.Slice(bin - 2, 3);
            three[0] += (alignment - three[0]) * weight;
            three[1] += (alignment - three[1]) * weight;
            three[2] += (alignment - three[2]) * weight;
        }
        else
        {
            bins[bin] += (alignment - bins[bin]) * weight;
            bin = bin == 0 ? PhaseBins - 1 : bin - 1;
            bins[bin] += (alignment - bins[bin]) * weight;
            bin = bin == 0 ? PhaseBins - 1 : bin - 1;
            bins[bin] += (alignment - bins[bin]) * weight;
        }
        _sinceDecision++;

        if (_decisionPhase < 0)
        {
            // One bit of statistics before the first decision instant is chosen.
            if (_sinceDecision >= Window)
            {
                _decisionPhase = BestPhase();
                _sinceDecision = 0;
            }

            return;
        }

        // The decision instant is crossed when the clock passes it; at most one decision per half bit, so a step of the
        // instant never decides a bit twice.
        var crossed = before < _bitClock
            ? before < _decisionPhase && _decisionPhase <= _bitClock
            : _decisionPhase > before || _decisionPhase <= _bitClock;
        if (crossed && 2 * _sinceDecision >= Window)
        {
            Decide(tones, decision);
        }
    }

    /// <summary>One decision instant: the timing search and step, and the bit four bits back.</summary>
    private void Decide(float tones, float decision)
    {
        var elapsed = _sinceDecision;
        _sinceDecision = 0;
        // The estimate is searched at every decision while acquiring, every eighth bit once tracking (it moves by at most
        // 1/80 bit a bit then, and the search over 80 bins is most of the receiver's per-bit cost).
        var tracking = _transitionsSinceUp >= AcquisitionTransitions;
        if (!tracking || (++_bitsSinceSearch & (TrackingSearchInterval - 1)) == 0)
        {
            _best = BestPhase();
        }

        var best = _best;
        var error = best - _decisionPhase;
        error = error >= HalfBit ? error - BitClockModulus : error < -HalfBit ? error + BitClockModulus : error;
        if (2 * tones / (Window * Window) >= _offPower)
        {
            var normalized = tones > 0 ? MathF.Abs(decision) / tones : 0f;
            _meanDecision += (normalized - _meanDecision) / Math.Min(++_decisions, 64);
            _meanSquareDecision += ((normalized * normalized) - _meanSquareDecision) / Math.Min(_decisions, 64);

            // Bits are decided four bit times late, on the three windows around the one four bits back, read at the
            // current best phase: the estimate moves by up to half a bit over the first transitions after a steady
            // preamble, and those windows are re-timed before they are decided.
            if (_pending == DecisionDelay)
            {
                // Read at the best phase itself, not at the slew-limited decision instant: error/300 samples later.
                LoadWindows(BitsAgo(DecisionDelay - 1) - ((error + (Math.Sign(error) * V21Channel2.BitRate / 2)) / V21Channel2.BitRate));
                Deliver(_history.DecideMiddle());
            }
            else
            {
                _pending++;
            }
        }
        else
        {
            // No bits from a window that has gone quiet (the carrier is about to be declared off).
            Flush(elapsed);
        }

        // Acquisition: fast steps while the signal is clean, slower ones in noise (where a noisy estimate stepped
        // about by a quarter bit at a time walks the instant round the clock, a slip); the memory grows with the
        // transitions seen, which alone carry timing.
        int slew;
        if (tracking)
        {
            slew = TrackingSlew;
            _binMemory = Math.Min(TrackingMemory, _binMemory + 1);
        }
        else
        {
            // Decision SNR (mean² / variance of the alignment, as SignalQualityDb) of at least 10 dB, without the log.
            var variance = _meanSquareDecision - (_meanDecision * _meanDecision);
            var clean = _decisions >= 8 && _meanDecision * _meanDecision >= CleanQuality * variance;
            slew = clean ? CleanAcquisitionSlew : AcquisitionSlew;
            _binMemory = Math.Min(TrackingMemory, (clean ? CleanAcquisitionMemory : AcquisitionMemory) + (2 * _transitionsSinceUp));
        }

        _binWeight = Reciprocals[Math.Min(++_bitsSinceUp + 1, _binMemory)];
        _decisionPhase += Math.Clamp(error, -slew, slew);
        _decisionPhase = _decisionPhase >= BitClockModulus ? _decisionPhase - BitClockModulus
            : _decisionPhase < 0 ? _decisionPhase + BitClockModulus : _decisionPhase;
    }

    /// <summary>
    /// Loads the sequence detector with the windows ending two bits, one bit and none before the window that ended
    /// <paramref name="age"/> samples ago.
    /// </summary>
    private void LoadWindows(int age)
    {
        _history.Clear();
        LoadWindow(age + BitsAgo(2));
        LoadWindow(age + BitsAgo(1));
        LoadWindow(age);
    }

    private void LoadWindow(int age)
    {
        var i = (_ringIndex - 1 - age) & (RingLength - 1);

        // The boundary after the window lies half a sample after its last sample: (ω₁−ω₀)·(n + ½).
        // (ω₁−ω₀)·n of that sample from the oscillators' phases, which are one sample past the newest one.
        var difference = _markPhase - _spacePhase - ((uint)(age + 1) * (_markStep - _spaceStep));
        var boundary = difference + (uint)((int)(_markStep - _spaceStep) / 2);
        ref readonly var c = ref _ring[i];
        _history.Push(c.MarkRe, c.MarkIm, c.SpaceRe, c.SpaceIm, SineTable.Cos(boundary), SineTable.Sin(boundary));
    }

    private void Deliver(int bit)
    {
        if (bit != _lastBit && _lastBit >= 0)
        {
            _transitionsSinceUp++;
        }

        _lastBit = bit;
        _sink.PutBit(bit);
    }

    /// <summary>
    /// Decides the bits still held back (the windows of the last decision instants, the newest of which ended
    /// <paramref name="age"/> samples ago) when the carrier ends.
    /// </summary>
    private void Flush(int age)
    {
        for (var j = _pending - 1; j > 0; j--)
        {
            LoadWindows(age + BitsAgo(j - 1));
            Deliver(_history.DecideMiddle());
        }

        if (_pending > 0)
        {
            LoadWindows(age);
            Deliver(_history.DecideLastOfTwo());
        }

        _pending = 0;
    }

    /// <summary><paramref name="bits"/> bit times in samples, rounded.</summary>
    private static int BitsAgo(int bits) => ((2 * bits * BitClockModulus / V21Channel2.BitRate) + 1) / 2;

    /// <summary>
    /// The bit-clock phase (a multiple of 100) at the centre of the <see cref="PeakSpan"/> adjacent bins with the largest
    /// summed mean alignment: a symmetric smoothing, which keeps the peak where it is and averages its noise.
    /// </summary>
    private int BestPhase()
    {
        const int Half = PeakSpan / 2;
        var sum = 0f;
        for (var b = -Half; b <= Half; b++)
        {
            sum += _bins[(b + PhaseBins) % PhaseBins];
        }

        var best = 0;
        var bestValue = sum;
        for (var b = 1; b < PhaseBins; b++)
        {
            var enter = b + Half;
            var leave = b - Half - 1;
            sum += _bins[enter >= PhaseBins ? enter - PhaseBins : enter] - _bins[leave < 0 ? leave + PhaseBins : leave];
            if (sum > bestValue)
            {
                bestValue = sum;
                best = b;
            }
        }

        return best * BinWidth;
    }

    /// <summary>One sample's mixer products and power, to leave the sliding sums a window later.</summary>
    private readonly record struct Products(float MarkI, float MarkQ, float SpaceI, float SpaceQ, float Power);

    /// <summary>Both tones' correlations of the window ending at one sample.</summary>
    private readonly record struct Correlations(float MarkRe, float MarkIm, float SpaceRe, float SpaceIm);
}
