using FaxBox.Core;
using FaxBox.Fax.Managed.Dsp;
using FaxBox.Fax.Modems;

namespace FaxBox.Fax.Managed.V21;

/// <summary>
/// V.21 channel 2 receiver (300 bit/s FSK, 1650 Hz = 1, 1850 Hz = 0), sample by sample:
/// <list type="number">
/// <item>Two sliding one-bit (27-sample) quadrature correlators, at the mark and at the space frequency, give the tone
/// energies E₁ and E₀ — a matched filter per symbol, which also rejects everything outside the channel.</item>
/// <item>Carrier detect with hysteresis (V.21 §7): "on" when the in-channel level is above −43 dBm0 <em>and</em> the
/// signal's energy is concentrated in the two tones ((E₁+E₀)/(N·Σx²) averaged over two bits: 0.5 for a clean FSK
/// signal, 2/27 ≈ 0.074 for white noise; above 0.22) for two bit times; "off" when the level falls below −48 dBm0 or the
/// concentration, averaged over eight bits, below 0.10 for two bit times (a carrier that stops is caught at once by the
/// level; the slow average only decides when a signal has sunk into noise, about 80 ms after a carrier ends in loud
/// noise). On needs an SNR above about −3 dB (0–4 kHz); once on, the carrier holds down to about −7 dB (with an off
/// threshold of 0.14 it let go at −5 dB, where spandsp holds on; at 0.10 the receiver delivers fewer errors than spandsp's
/// at −5 dB in 4 of 5 seeds). The concentration test is what keeps loud noise (−40 dBm0 and above) from being taken for
/// a carrier.</item>
/// <item>Bit timing recovery: a digital phase-locked loop on the zero crossings of E₁−E₀ (which fall half a window after
/// each bit boundary); each bit is decided by the sign of E₁−E₀ half a bit after the expected crossing, when the window
/// covers exactly one bit.</item>
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
    private const float Smoothing = 1f / (2 * Window);
    private const float SlowSmoothing = 1f / (8 * Window);
    private const float ConcentrationOn = 0.22f;
    private const float ConcentrationOff = 0.10f;
    private const int PersistSamples = 2 * Window;

    private readonly IModemBitSink _sink;
    private readonly uint _markStep = SineTable.Step(V21Channel2.MarkHz);
    private readonly uint _spaceStep = SineTable.Step(V21Channel2.SpaceHz);
    private readonly float[] _markI = new float[Window];
    private readonly float[] _markQ = new float[Window];
    private readonly float[] _spaceI = new float[Window];
    private readonly float[] _spaceQ = new float[Window];
    private readonly float[] _power = new float[Window];
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
    private int _lastSign;
    private int _transitions;
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
        _lastSign = 0;
        _transitions = 0;
        _decisions = 0;
    }

    public void Dispose()
    {
    }

    private void Step(float x)
    {
        var i = _index;
        var mi = x * SineTable.Cos(_markPhase);
        var mq = x * SineTable.Sin(_markPhase);
        var si = x * SineTable.Cos(_spacePhase);
        var sq = x * SineTable.Sin(_spacePhase);
        var p = x * x;
        _markPhase += _markStep;
        _spacePhase += _spaceStep;
        _sumMarkI += mi - _markI[i];
        _sumMarkQ += mq - _markQ[i];
        _sumSpaceI += si - _spaceI[i];
        _sumSpaceQ += sq - _spaceQ[i];
        _sumPower += p - _power[i];
        _markI[i] = mi;
        _markQ[i] = mq;
        _spaceI[i] = si;
        _spaceQ[i] = sq;
        _power[i] = p;
        _index = i + 1 == Window ? 0 : i + 1;

        var mark = (float)((_sumMarkI * _sumMarkI) + (_sumMarkQ * _sumMarkQ));
        var space = (float)((_sumSpaceI * _sumSpaceI) + (_sumSpaceQ * _sumSpaceQ));
        var tones = mark + space;
        var concentration = _sumPower > 1 ? (float)(tones / (Window * _sumPower)) : 0f;
        _concentration += (concentration - _concentration) * Smoothing;
        _slowConcentration += (concentration - _slowConcentration) * SlowSmoothing;

        // A sine of power P gives E = (A·N/2)² in its correlator, so 2E/N² is the tone power.
        _level += ((2 * tones / (Window * Window)) - _level) * Smoothing;

        DetectCarrier();
        if (_carrier)
        {
            RecoverBit(mark - space, tones);
        }
    }

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
            // Start the bit clock as if a boundary had just been seen; the loop pulls it in at the first transitions.
            _bitClock = 0;
            _slowConcentration = _concentration;
            _lastSign = 0;
            _transitions = 0;
            _meanDecision = 0;
            _meanSquareDecision = 0;
            _decisions = 0;
            _sink.OnStatus(ModemStatus.CarrierUp);
        }
        else
        {
            _sink.OnStatus(ModemStatus.CarrierDown);
        }
    }

    private void RecoverBit(float decision, float tones)
    {
        var sign = decision >= 0 ? 1 : -1;
        if (_lastSign != 0 && sign != _lastSign)
        {
            // A zero crossing should fall at bit-clock phase 0: pull the clock towards it, quickly at first.
            // Once locked, crossings far from a boundary are noise and are ignored.
            var error = _bitClock > HalfBit ? _bitClock - BitClockModulus : _bitClock;
            if (_transitions < 16 || Math.Abs(error) < BitClockModulus / 4)
            {
                var shift = _transitions < 4 ? 1 : _transitions < 16 ? 3 : 5;
                _bitClock -= error >> shift;
                if (_bitClock < 0)
                {
                    _bitClock += BitClockModulus;
                }

                _transitions++;
            }
        }

        _lastSign = sign;
        var before = _bitClock;
        _bitClock += V21Channel2.BitRate;
        if (_bitClock >= BitClockModulus)
        {
            _bitClock -= BitClockModulus;
        }

        // No bits from a window that has gone quiet (the carrier is about to be declared off).
        if (before < HalfBit && _bitClock >= HalfBit && 2 * tones / (Window * Window) >= _offPower)
        {
            var normalized = tones > 0 ? Math.Abs(decision) / tones : 0;
            _meanDecision += (normalized - _meanDecision) / Math.Min(++_decisions, 64);
            _meanSquareDecision += ((normalized * normalized) - _meanSquareDecision) / Math.Min(_decisions, 64);
            _sink.PutBit(sign > 0 ? 1 : 0);
        }
    }
}
