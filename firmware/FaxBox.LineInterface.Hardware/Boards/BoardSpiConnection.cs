using System.Device.Spi;

namespace FaxBox.LineInterface.Hardware.Boards;

/// <summary>Where a chip sits on SPI: Linux <c>/dev/spidev{BusId}.{ChipSelectLine}</c>.</summary>
public sealed class BoardSpiConnection
{
    /// <summary>The default SPI clock: 1 MHz, well inside both the Si3215's and the Si3050's SCLK limits.</summary>
    public const int DefaultClockFrequency = 1_000_000;

    /// <summary>SPI bus number (JSON <c>bus</c>).</summary>
    public required int BusId { get; init; }

    /// <summary>Chip-select line on that bus (JSON <c>chipSelect</c>).</summary>
    public required int ChipSelectLine { get; init; }

    /// <summary>SCLK in hertz (JSON <c>clockHz</c>); default <see cref="DefaultClockFrequency"/>.</summary>
    public int ClockFrequency { get; init; } = DefaultClockFrequency;

    /// <summary>The device name used in messages: <c>SPI0.1</c>.</summary>
    public string DisplayName => $"SPI{BusId}.{ChipSelectLine}";

    /// <summary>dotnet/iot connection settings with the given part's SPI mode and word size.</summary>
    public SpiConnectionSettings ToConnectionSettings(SpiMode mode, int dataBitLength) => new(BusId, ChipSelectLine)
    {
        ClockFrequency = ClockFrequency,
        Mode = mode,
        DataBitLength = dataBitLength,
    };

    /// <inheritdoc/>
    public override string ToString() => DisplayName;
}
