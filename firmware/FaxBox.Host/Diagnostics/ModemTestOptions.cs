using FaxBox.Fax.Modems;

namespace FaxBox.Host.Diagnostics;

/// <summary>One bit-error-rate run: which modem, what is sent, and the channel in between.</summary>
public sealed record ModemTestOptions
{
    /// <summary>The modem. Default V.17.</summary>
    public ModemType Modem { get; init; } = ModemType.V17;

    /// <summary>Bit rate; one of <see cref="ModemRates.For"/>. Default 14400.</summary>
    public int BitRate { get; init; } = 14400;

    /// <summary>Transmit level in dBm0. Default −13 (a typical fax modem).</summary>
    public double LevelDbm0 { get; init; } = -13;

    /// <summary>Pseudo-random data bits to send. Default 20000.</summary>
    public int Bits { get; init; } = 20000;

    /// <summary>Seed of the data pattern and of the channel noise. Default 1.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>False runs the receiver on the channel's noise alone (<c>--tx none</c>). Default true.</summary>
    public bool Transmit { get; init; } = true;

    /// <summary>The channel; its <see cref="ModemChannelOptions.SignalLevelDbm0"/> and seed are taken from this run.</summary>
    public ModemChannelOptions Channel { get; init; } = new();

    /// <summary>Throws <see cref="ArgumentException"/> naming the first bad option.</summary>
    public void Validate()
    {
        ModemRates.Ensure(new ModemOptions(Modem, BitRate, LevelDbm0: LevelDbm0));
        if (Bits is < BitErrorCounter.SyncBits or > 10_000_000)
        {
            throw new ArgumentException($"--bits {Bits} is outside {BitErrorCounter.SyncBits} … 10000000");
        }

        Channel.Validate();
    }
}
