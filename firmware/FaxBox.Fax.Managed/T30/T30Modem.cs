namespace FaxBox.Fax.Managed.T30;

/// <summary>
/// One rung of the image-data modem ladder (T.30 Table 2 bits 11–14 in a DCS): the modem, its rate and the DCS rate code.
/// </summary>
/// <param name="Modem">The modem family.</param>
/// <param name="BitRate">The rate in bit/s.</param>
/// <param name="DcsCode">Bits 11–14 of the DCS as a nibble, bit 11 in the least significant bit.</param>
internal readonly record struct T30Modem(FaxModems Modem, int BitRate, int DcsCode)
{
    /// <summary>
    /// The fallback ladder from the fastest rung down (T.30 §5.3.6.2.4 note: a sender steps down after FTT or a failed
    /// CTC): V.17 14400/12000/9600/7200, V.29 9600/7200, V.27ter 4800/2400.
    /// </summary>
    public static readonly T30Modem[] Ladder =
    [
        new(FaxModems.V17, 14400, 0b1000),
        new(FaxModems.V17, 12000, 0b1010),
        new(FaxModems.V17, 9600, 0b1001),
        new(FaxModems.V17, 7200, 0b1011),
        new(FaxModems.V29, 9600, 0b0001),
        new(FaxModems.V29, 7200, 0b0011),
        new(FaxModems.V27ter, 4800, 0b0010),
        new(FaxModems.V27ter, 2400, 0b0000),
    ];

    /// <summary>The modems a DIS offers (bits 11–14: bit 11 V.29, bit 12 V.27ter, bit 14 with 11 and 12 V.17).</summary>
    public static FaxModems FromDis(ReadOnlySpan<byte> fif)
    {
        bool b11 = T30Bits.Get(fif, 11), b12 = T30Bits.Get(fif, 12), b13 = T30Bits.Get(fif, 13), b14 = T30Bits.Get(fif, 14);
        var modems = FaxModems.V27ter; // V.27ter 2400 is the fallback every G3 terminal has
        if (b11)
        {
            modems |= FaxModems.V29;
        }

        if (b11 && b12 && !b13 && b14)
        {
            modems |= FaxModems.V17;
        }

        return modems;
    }

    /// <summary>Sets the DIS rate bits for <paramref name="modems"/>.</summary>
    public static void ToDis(Span<byte> fif, FaxModems modems)
    {
        if ((modems & (FaxModems.V29 | FaxModems.V17)) != 0)
        {
            T30Bits.Set(fif, 11);
        }

        if ((modems & (FaxModems.V27ter | FaxModems.V17)) != 0)
        {
            T30Bits.Set(fif, 12);
        }

        if ((modems & FaxModems.V17) != 0)
        {
            T30Bits.Set(fif, 14);
        }
    }

    /// <summary>The rung a DCS names, or null for a code no rung has.</summary>
    public static T30Modem? FromDcs(ReadOnlySpan<byte> fif)
    {
        int code = (T30Bits.Get(fif, 11) ? 1 : 0) | (T30Bits.Get(fif, 12) ? 2 : 0) | (T30Bits.Get(fif, 13) ? 4 : 0) | (T30Bits.Get(fif, 14) ? 8 : 0);
        foreach (var rung in Ladder)
        {
            if (rung.DcsCode == code)
            {
                return rung;
            }
        }

        return null;
    }

    /// <summary>Sets this rung's DCS rate bits.</summary>
    public void ToDcs(Span<byte> fif)
    {
        for (int i = 0; i < 4; i++)
        {
            if ((DcsCode & (1 << i)) != 0)
            {
                T30Bits.Set(fif, T30Bits.RateFirst + i);
            }
        }
    }

    /// <summary>The T.38 training indicator for this rung (T.38 Annex A <c>Type-of-msg</c>).</summary>
    public Core.T38.T38Indicator TrainingIndicator(bool longTraining) => (Modem, BitRate) switch
    {
        (FaxModems.V27ter, 2400) => Core.T38.T38Indicator.V27Ter2400Training,
        (FaxModems.V27ter, _) => Core.T38.T38Indicator.V27Ter4800Training,
        (FaxModems.V29, 7200) => Core.T38.T38Indicator.V29_7200Training,
        (FaxModems.V29, _) => Core.T38.T38Indicator.V29_9600Training,
        (_, 7200) => longTraining ? Core.T38.T38Indicator.V17_7200LongTraining : Core.T38.T38Indicator.V17_7200ShortTraining,
        (_, 9600) => longTraining ? Core.T38.T38Indicator.V17_9600LongTraining : Core.T38.T38Indicator.V17_9600ShortTraining,
        (_, 12000) => longTraining ? Core.T38.T38Indicator.V17_12000LongTraining : Core.T38.T38Indicator.V17_12000ShortTraining,
        _ => longTraining ? Core.T38.T38Indicator.V17_14400LongTraining : Core.T38.T38Indicator.V17_14400ShortTraining,
    };

    /// <summary>The T.38 data type of this rung's image data.</summary>
    public Core.T38.T38DataType DataType => (Modem, BitRate) switch
    {
        (FaxModems.V27ter, 2400) => Core.T38.T38DataType.V27Ter2400,
        (FaxModems.V27ter, _) => Core.T38.T38DataType.V27Ter4800,
        (FaxModems.V29, 7200) => Core.T38.T38DataType.V29_7200,
        (FaxModems.V29, _) => Core.T38.T38DataType.V29_9600,
        (_, 7200) => Core.T38.T38DataType.V17_7200,
        (_, 9600) => Core.T38.T38DataType.V17_9600,
        (_, 12000) => Core.T38.T38DataType.V17_12000,
        _ => Core.T38.T38DataType.V17_14400,
    };

    /// <summary>
    /// The modem's training time in 20 ms ticks before image data (V.27ter 4800 long training ~0.94 s, 2400 ~1.1 s;
    /// V.29 ~0.25 s; V.17 long ~1.4 s, short ~0.14 s), which real gateways expect between the indicator and the data.
    /// </summary>
    public int TrainingTicks(bool longTraining) => Modem switch
    {
        FaxModems.V27ter => BitRate == 2400 ? 56 : 48,
        FaxModems.V29 => 13,
        _ => longTraining ? 70 : 8,
    };
}
