using System.Numerics;
using FaxBox.Fax.Managed.Dsp;
using FaxBox.Fax.Modems;

namespace FaxBox.Fax.Managed.V27ter;

/// <summary>
/// ITU-T V.27ter transmitter: 4800 bit/s (1600 baud, 8-phase DPSK) or 2400 bit/s (1200 baud, 4-phase DPSK) on an
/// 1800 Hz carrier, with the synchronizing signal of Table 3/V.27ter (long, or short: 14 reversals and 58 conditioning
/// symbols instead of 50 and 1074) and the 1 + x^-6 + x^-7 scrambler. As T.30
/// uses it, the signal starts with the 180° reversals: no echo-protection tone and no silent segment.
/// </summary>
internal sealed class V27terTransmitter : IModemTransmitter, IQamSymbolSource
{
    /// <summary>Carrier frequency (§2.1).</summary>
    public const double CarrierHz = 1800;

    /// <summary>Roll-off of the transmit pulse (§2.4: 50 % raised cosine shared between transmitter and receiver).</summary>
    public const double RollOff = 0.5;

    /// <summary>Initial scrambler state at the start of segment 4 (bit 0 the most recent).</summary>
    internal const uint ConditioningSeed = 0b0111100;

    private const int TurnOffSymbols = 8;

    private readonly IModemBitSource _source;
    private readonly QamModulator _modulator;
    private readonly Scrambler _scrambler = Scrambler.V27ter();
    private readonly int _bitsPerSymbol;
    private readonly int _baud;
    private State _state = State.Reversals;
    private int _symbolCount;
    private int _phase;
    private int _drain;

    public V27terTransmitter(ModemOptions options, IModemBitSource source)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(source);
        if (options.Type != ModemType.V27ter || (options.BitRate != 4800 && options.BitRate != 2400))
        {
            throw new ArgumentException($"V.27ter sends at 4800 or 2400 bit/s, not {options.Type} {options.BitRate}.", nameof(options));
        }

        Options = options;
        _source = source;
        _bitsPerSymbol = options.BitRate == 4800 ? 3 : 2;
        _baud = options.BitRate == 4800 ? 1600 : 1200;
        _modulator = new QamModulator(_baud, CarrierHz, RollOff, LineLevel.RmsOf(options.LevelDbm0));
    }

    private enum State
    {
        Reversals,
        Conditioning,
        Ones,
        Data,
        TurnOff,
        Drain,
        Finished,
    }

    public ModemOptions Options { get; }

    public bool Finished => _state == State.Finished;

    /// <summary>Symbol rate for the configured bit rate.</summary>
    public int Baud => _baud;

    public int Transmit(Span<short> frame) => _modulator.Render(frame, this);

    public void Dispose()
    {
    }

    public Complex NextSymbol()
    {
        switch (_state)
        {
            case State.Reversals:
                _phase = (_phase + 4) & 7;
                if (++_symbolCount >= (Options.ShortTraining ? V27terTraining.ReversalsShort : V27terTraining.ReversalsLong))
                {
                    Enter(State.Conditioning);
                    _scrambler.Load(ConditioningSeed);
                }

                return V27terConstellation.Point(_phase);
            case State.Conditioning:
            {
                // Two-phase pattern at both rates: the scrambler runs on ones three times per symbol and the first of the
                // three bits chooses 0° (0) or 180° (1).
                int bit = _scrambler.Scramble(1);
                _scrambler.Scramble(1);
                _scrambler.Scramble(1);

                _phase = (_phase + (bit == 1 ? 4 : 0)) & 7;
                int length = Options.ShortTraining ? V27terTraining.ConditioningShort : V27terTraining.ConditioningLong;
                if (++_symbolCount >= length)
                {
                    Enter(State.Ones);
                }

                return V27terConstellation.Point(_phase);
            }

            case State.Ones:
                if (++_symbolCount >= V27terTraining.ScrambledOnes)
                {
                    Enter(State.Data);
                }

                return Encode(0x7);
            case State.Data:
                return DataSymbol();
            case State.TurnOff:
                if (++_symbolCount >= TurnOffSymbols)
                {
                    Enter(State.Drain);
                }

                return Encode(0x7);
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

        return Encode(bits);
    }

    /// <summary>Scrambles a tribit/dibit (first bit in time most significant) and maps it to the next signal element.</summary>
    private Complex Encode(int bits)
    {
        int scrambled = 0;
        for (int i = _bitsPerSymbol - 1; i >= 0; i--)
        {
            scrambled = (scrambled << 1) | _scrambler.Scramble((bits >> i) & 1);
        }

        _phase = (_phase + V27terConstellation.PhaseChange(scrambled & ((1 << _bitsPerSymbol) - 1), Options.BitRate)) & 7;
        return V27terConstellation.Point(_phase);
    }

    private void Enter(State state)
    {
        _state = state;
        _symbolCount = 0;
    }
}
