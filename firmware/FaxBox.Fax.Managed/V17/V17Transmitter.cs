using System.Numerics;
using FaxBox.Fax.Managed.Dsp;
using FaxBox.Fax.Modems;

namespace FaxBox.Fax.Managed.V17;

/// <summary>
/// ITU-T V.17 transmitter at 14400, 12000, 9600 or 7200 bit/s: 2400 baud trellis-coded QAM on an 1800 Hz carrier, the
/// long training (segments 1–4) or the short one (segments 1, 2 of 38 elements and 4), the 1 + x^-18 + x^-23 scrambler, and a turn-off of scrambled ones long enough
/// to flush the far end's Viterbi decoder before the carrier stops. See <see cref="V17Constellation"/> and
/// <see cref="V17Training"/> for where each table comes from.
/// </summary>
internal sealed class V17Transmitter : IModemTransmitter, IQamSymbolSource
{
    /// <summary>Carrier frequency (§2.1).</summary>
    public const double CarrierHz = 1800;

    /// <summary>Modulation rate (§2.1).</summary>
    public const int Baud = 2400;

    /// <summary>Roll-off of the transmit pulse: 1800 ± 1500 Hz stays inside 300–3300 Hz.</summary>
    public const double RollOff = 0.25;

    /// <summary>Scrambled ones after the data: more than the receiver's traceback depth.</summary>
    public const int TurnOffSymbols = 48;

    private readonly IModemBitSource _source;
    private readonly QamModulator _modulator;
    private readonly V17Constellation _constellation;
    private readonly Scrambler _pattern = V17Training.NewPatternScrambler();
    private readonly Scrambler _scrambler = Scrambler.V17V29();
    private readonly int _segment2;
    private readonly int _bridge;
    private State _state = State.Segment1;
    private int _symbolCount;
    private int _trellisState;
    private int _previousY;
    private int _drain;

    public V17Transmitter(ModemOptions options, IModemBitSource source)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(source);
        if (options.Type != ModemType.V17 || options.BitRate is not (14400 or 12000 or 9600 or 7200))
        {
            throw new ArgumentException($"V.17 sends at 14400, 12000, 9600 or 7200 bit/s, not {options.Type} {options.BitRate}.", nameof(options));
        }

        Options = options;
        _source = source;
        _constellation = V17Constellation.ForRate(options.BitRate);
        _segment2 = V17Training.Segment2(options.ShortTraining);
        _bridge = V17Training.Bridge(options.ShortTraining);
        double unitRms = LineLevel.RmsOf(options.LevelDbm0) / Math.Sqrt(_constellation.MeanPower);
        _modulator = new QamModulator(Baud, CarrierHz, RollOff, unitRms);
    }

    private enum State
    {
        Segment1,
        Segment2And3,
        Segment4,
        Data,
        TurnOff,
        Drain,
        Finished,
    }

    public ModemOptions Options { get; }

    public bool Finished => _state == State.Finished;

    public int Transmit(Span<short> frame) => _modulator.Render(frame, this);

    public void Dispose()
    {
    }

    public Complex NextSymbol()
    {
        switch (_state)
        {
            case State.Segment1:
            {
                // B, A, B, ..., A: the last element before segment 2 is A.
                Complex point = V17Constellation.Training[(_symbolCount & 1) == 0 ? 3 : 0];
                if (++_symbolCount == V17Training.Segment1)
                {
                    Enter(State.Segment2And3);
                }

                return point;
            }

            case State.Segment2And3:
            {
                int k = _symbolCount < _segment2 ? V17Training.NextPatternIndex(_pattern) : V17Training.Bridge(_symbolCount - _segment2);
                Complex point = V17Constellation.Training[k];
                if (++_symbolCount == _segment2 + _bridge)
                {
                    Enter(State.Segment4);
                    _trellisState = 0;
                    _previousY = V17Training.Segment4PreviousYFor(Options.ShortTraining);
                    _scrambler.Load(V17Training.Segment4ScramblerSeed(Options.ShortTraining));
                }

                return point;
            }

            case State.Segment4:
                if (++_symbolCount == V17Training.Segment4)
                {
                    Enter(State.Data);
                }

                return Encode(ones: true);
            case State.Data:
                return Encode(ones: false);
            case State.TurnOff:
                if (++_symbolCount == TurnOffSymbols)
                {
                    Enter(State.Drain);
                }

                return Encode(ones: true);
            default:
                if (++_drain >= 8)
                {
                    _state = State.Finished;
                }

                return Complex.Zero;
        }
    }

    /// <summary>Takes Q1..Qn (Q1 first in time), scrambles them, and codes them into the next signal element.</summary>
    private Complex Encode(bool ones)
    {
        int bits = 0;
        int n = _constellation.BitsPerSymbol;
        for (int i = 0; i < n; i++)
        {
            int bit = 1;
            if (!ones)
            {
                bit = _source.GetBit();
                if (bit == IModemBitSource.EndOfData)
                {
                    Enter(State.TurnOff);
                    ones = true;
                    bit = 1;
                }
            }

            bits = (bits << 1) | _scrambler.Scramble(bit & 1);
        }

        int q1q2 = bits >> (n - 2);
        int uncoded = bits & ((1 << (n - 2)) - 1);
        int y1y2 = V17Constellation.DifferentialEncode(q1q2, _previousY);
        _previousY = y1y2;
        int z = V17Constellation.SubsetOf(_trellisState, y1y2);
        _trellisState = V17Constellation.NextState(_trellisState, y1y2);
        return _constellation.Point(z, uncoded);
    }

    private void Enter(State state)
    {
        _state = state;
        _symbolCount = 0;
    }
}
