namespace FaxBox.Fax.Modems;

/// <summary>The bit rates each fax modem runs at in T.30 (Table 2 of T.30, the DCS signalling rates).</summary>
public static class ModemRates
{
    /// <summary>The rates of <paramref name="type"/>, highest first.</summary>
    public static IReadOnlyList<int> For(ModemType type) => type switch
    {
        ModemType.V21 => [300],
        ModemType.V27ter => [4800, 2400],
        ModemType.V29 => [9600, 7200],
        ModemType.V17 => [14400, 12000, 9600, 7200],
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "unknown modem type"),
    };

    /// <summary>True when <paramref name="bitRate"/> is one of the rates of <paramref name="type"/>.</summary>
    public static bool IsSupported(ModemType type, int bitRate) => For(type).Contains(bitRate);

    /// <summary>
    /// Throws <see cref="ArgumentException"/> naming the modem, the rate and the valid rates when the options do not
    /// describe a modem T.30 uses (short training exists only for V.17 and V.27ter).
    /// </summary>
    public static void Ensure(ModemOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!IsSupported(options.Type, options.BitRate))
        {
            throw new ArgumentException(
                $"{options.Type} does not run at {options.BitRate} bit/s; valid rates: {string.Join(", ", For(options.Type))}",
                nameof(options));
        }

        if (options.ShortTraining && options.Type is not (ModemType.V17 or ModemType.V27ter))
        {
            throw new ArgumentException($"{options.Type} has no short training sequence (only V.17 and V.27ter do)", nameof(options));
        }

        if (double.IsNaN(options.LevelDbm0) || options.LevelDbm0 > 0 || options.LevelDbm0 < -60)
        {
            throw new ArgumentException($"transmit level {options.LevelDbm0} dBm0 is outside 0 … −60 dBm0", nameof(options));
        }
    }
}
