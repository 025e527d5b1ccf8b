namespace FaxBox.LineInterface.Hardware.Boards;

/// <summary>Board-wide GPIO lines (JSON <c>gpio</c>). Pin numbers are line offsets on <see cref="Chip"/> (BCM numbers on a Raspberry Pi).</summary>
public sealed class BoardGpioSettings
{
    /// <summary>The gpiochip number (JSON <c>chip</c>); default 0, the 40-pin header on a Raspberry Pi 4 and on a Pi 5 with kernel 6.6.47 or later.</summary>
    public int Chip { get; init; }

    /// <summary>The status LED (JSON <c>statusLedPin</c>); null when the board has none.</summary>
    public int? StatusLedPin { get; init; }

    /// <summary>True when the LED lights with the line low (JSON <c>statusLedActiveLow</c>); default false.</summary>
    public bool StatusLedActiveLow { get; init; }

    /// <summary>The factory-reset button (JSON <c>factoryResetPin</c>); null when the board has none.</summary>
    public int? FactoryResetPin { get; init; }

    /// <summary>True when a press pulls the line low (JSON <c>factoryResetActiveLow</c>); default true (button to ground, pull-up).</summary>
    public bool FactoryResetActiveLow { get; init; } = true;

    /// <summary>How long the button must be held to reset (JSON <c>factoryResetHoldSeconds</c>); default 10 s.</summary>
    public TimeSpan FactoryResetHold { get; init; } = TimeSpan.FromSeconds(10);
}
