using System.Numerics;

namespace FaxBox.Fax.Managed.Dsp;

/// <summary>
/// Transmit side of a QAM/PSK modem: root-raised-cosine pulse shaping at 24 kHz (a polyphase interpolator for symbol
/// rates of 1200, 1600 and 2400 baud into 8000 samples/s) and modulation onto the carrier.
/// </summary>
internal sealed class QamModulator
{
    private const int Upsample = 3;
    private const int SpanSymbols = 8;

    private readonly int _symbolPeriod;
    private readonly float[] _polyphase;
    private readonly float[] _historyRe = new float[2 * SpanSymbols];
    private readonly float[] _historyIm = new float[2 * SpanSymbols];
    private readonly CarrierOscillator _carrier;
    private int _newest;
    private int _phase;
    private readonly int _pulseLength;

    /// <param name="baud">Symbol rate (1200, 1600 or 2400).</param>
    /// <param name="carrierHz">Carrier frequency.</param>
    /// <param name="rollOff">Root-raised-cosine roll-off factor.</param>
    /// <param name="unitRms">RMS sample value produced by symbols of unit mean power.</param>
    public QamModulator(int baud, double carrierHz, double rollOff, double unitRms)
    {
        if (8000 * Upsample % baud != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(baud), baud, "The symbol rate must divide 24000.");
        }

        _symbolPeriod = 8000 * Upsample / baud;
        int length = _symbolPeriod * SpanSymbols;
        var taps = new double[length];
        double energy = 0;
        for (int k = 0; k < length; k++)
        {
            taps[k] = RootRaisedCosine.Pulse((k - (length / 2.0)) / _symbolPeriod, rollOff);
            energy += taps[k] * taps[k];
        }

        // Mean |baseband|^2 for unit-power symbols is energy / symbolPeriod; the real passband signal has half of it.
        double scale = unitRms / Math.Sqrt(energy / _symbolPeriod / 2);
        // Polyphase layout: row p holds the taps p, p + T, p + 2T, ... met by the newest, second newest, ... symbol.
        _polyphase = new float[length];
        for (int p = 0; p < _symbolPeriod; p++)
        {
            for (int j = 0; j < SpanSymbols; j++)
            {
                _polyphase[(p * SpanSymbols) + j] = (float)(taps[p + (_symbolPeriod * j)] * scale);
            }
        }

        _pulseLength = length;

        _carrier = new CarrierOscillator(carrierHz);
        _phase = _symbolPeriod - Upsample;
    }

    /// <summary>Filter delay from a symbol's entry to the centre of its pulse, in 8 kHz samples (rounded up).</summary>
    public int DelaySamples => (_pulseLength / 2 / Upsample) + 1;

    /// <summary>Advances the sample clock; true when a new symbol must be supplied with <see cref="PushSymbol"/> before <see cref="NextSample"/>.</summary>
    public bool Advance()
    {
        _phase += Upsample;
        if (_phase >= _symbolPeriod)
        {
            _phase -= _symbolPeriod;
            return true;
        }

        return false;
    }

    public void PushSymbol(Complex symbol)
    {
        _newest = _newest == 0 ? SpanSymbols - 1 : _newest - 1;
        _historyRe[_newest] = (float)symbol.Real;
        _historyRe[_newest + SpanSymbols] = (float)symbol.Real;
        _historyIm[_newest] = (float)symbol.Imaginary;
        _historyIm[_newest + SpanSymbols] = (float)symbol.Imaginary;
    }

    /// <summary>The next line sample.</summary>
    public float NextSample()
    {
        ReadOnlySpan<float> taps = _polyphase.AsSpan(_phase * SpanSymbols, SpanSymbols);
        float re = VectorMath.Dot(_historyRe.AsSpan(_newest, SpanSymbols), taps);
        float im = VectorMath.Dot(_historyIm.AsSpan(_newest, SpanSymbols), taps);
        _carrier.Next(out float cos, out float sin);
        return (re * cos) - (im * sin);
    }

    /// <summary>Clears the filter and the carrier phase.</summary>
    /// <summary>
    /// Fills one frame from <paramref name="source"/>'s symbols, rounded and clipped to 16 bits; zero once the source has
    /// finished. Returns how many samples carry signal.
    /// </summary>
    public int Render<TSource>(Span<short> frame, TSource source)
        where TSource : IQamSymbolSource
    {
        int produced = 0;
        for (int i = 0; i < frame.Length; i++)
        {
            if (source.Finished)
            {
                frame[i] = 0;
                continue;
            }

            if (Advance())
            {
                PushSymbol(source.NextSymbol());
            }

            float sample = NextSample();
            frame[i] = (short)Math.Clamp(MathF.Round(sample), short.MinValue, short.MaxValue);
            produced = i + 1;
        }

        return produced;
    }

    public void Reset()
    {
        Array.Clear(_historyRe);
        Array.Clear(_historyIm);
        _carrier.Reset();
        _phase = _symbolPeriod - Upsample;
    }
}
