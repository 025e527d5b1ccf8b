using System.Numerics;
using FaxBox.Fax.Managed.Dsp;
using FaxBox.Fax.Modems;

namespace FaxBox.Fax.Managed.V29;

/// <summary>
/// ITU-T V.29 transmitter at 9600 or 7200 bit/s: 2400 baud QAM on a 1700 Hz carrier, the §3.3 synchronizing signal,
/// the 1 + x^-18 + x^-23 scrambler (§4), and a short run of scrambled ones before the carrier stops.
/// </summary>
internal sealed class V29Transmitter : IModemTransmitter, IQamSymbolSource
{
    /// <summary>Carrier frequency (§2.1).</summary>
    public const double CarrierHz = 1700;

    /// <summary>Modulation rate (§2.1).</summary>
    public const int Baud = 2400;

    /// <summary>Roll-off of the transmit pulse: the 1700 ± 1500 Hz occupied band stays inside 200–3200 Hz.</summary>
    public const double RollOff = 0.25;

    private const int TurnOffSymbols = 16;

    private readonly IModemBitSource _source;
    private readonly QamModulator _modulator;
    private readonly Scrambler _scrambler = Scrambler.V17V29();
    private readonly int _bitsPerSymbol;
    private State _state = State.Segment1;
    private int _symbolCount;
    private int _conditioning = V29Training.Segment3Seed;
    private int _phase;
    private int _drain;

    public V29Transmitter(ModemOptions options, IModemBitSource source)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(source);
        if (options.Type != ModemType.V29 || (options.BitRate != 9600 && options.BitRate != 7200))
        {
            throw new ArgumentException($"V.29 sends at 9600 or 7200 bit/s, not {options.Type} {options.BitRate}.", nameof(options));
        }

        Options = options;
        _source = source;
        _bitsPerSymbol = options.BitRate / Baud;
        double unitRms = LineLevel.RmsOf(options.LevelDbm0) / Math.Sqrt(V29Constellation.MeanPower(options.BitRate));
        _modulator = new QamModulator(Baud, CarrierHz, RollOff, unitRms);
    }

    private enum State
    {
        Segment1,
        Segment2,
        Segment3,
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
        int rate = Options.BitRate;
        switch (_state)
        {
            case State.Segment1:
                if (++_symbolCount == V29Training.Segment1)
                {
                    Enter(State.Segment2);
                }

                return Complex.Zero;
            case State.Segment2:
            {
                int phase = (_symbolCount & 1) == 0 ? V29Constellation.PhaseA : V29Constellation.PhaseB;
                if (++_symbolCount == V29Training.Segment2)
                {
                    Enter(State.Segment3);
                }

                return V29Constellation.TrainingPoint(phase, rate);
            }

            case State.Segment3:
            {
                _phase = V29Training.NextConditioningBit(ref _conditioning) == 0 ? V29Constellation.PhaseC : V29Constellation.PhaseD;
                if (++_symbolCount == V29Training.Segment3)
                {
                    Enter(State.Segment4);
                }

                return V29Constellation.TrainingPoint(_phase, rate);
            }

            case State.Segment4:
                if (++_symbolCount == V29Training.Segment4)
                {
                    Enter(State.Data);
                }

                return Encode(1, 1, 1, 1);
            case State.Data:
                return DataSymbol();
            case State.TurnOff:
                if (++_symbolCount == TurnOffSymbols)
                {
                    Enter(State.Drain);
                }

                return Encode(1, 1, 1, 1);
            default:
                if (++_drain >= 8)
                {
                    _state = State.Finished;
                }

                return Complex.Zero;
        }
    }

    private Complex DataSymbol()
    {
        // Q1 (9600 bit/s only) Q2 Q3 Q4, first in time most significant; padded with ones when the data ends.
        int bits = 0;
        for (int i = 0; i < _bitsPerSymbol; i++)
        {
            int bit = _source.GetBit();
            if (bit == IModemBitSource.EndOfData)
            {
                bits = (bits << (_bitsPerSymbol - i)) | ((1 << (_bitsPerSymbol - i)) - 1);
                Enter(State.TurnOff);
                break;
            }

            bits = (bits << 1) | (bit & 1);
        }

        return Encode(_bitsPerSymbol == 4 ? (bits >> 3) & 1 : -1, (bits >> 2) & 1, (bits >> 1) & 1, bits & 1);
    }

    /// <summary>Scrambles Q1..Q4 (Q1 = -1 at 7200 bit/s, which has no Q1) and maps them to the next signal element.</summary>
    private Complex Encode(int q1, int q2, int q3, int q4)
    {
        if (_bitsPerSymbol == 3)
        {
            q1 = -1;
        }

        int s1 = q1 < 0 ? 0 : _scrambler.Scramble(q1);
        int s2 = _scrambler.Scramble(q2);
        int s3 = _scrambler.Scramble(q3);
        int s4 = _scrambler.Scramble(q4);
        _phase = (_phase + V29Constellation.PhaseChange((s2 << 2) | (s3 << 1) | s4)) & 7;
        return V29Constellation.Point(_phase, s1);
    }

    private void Enter(State state)
    {
        _state = state;
        _symbolCount = 0;
    }
}
