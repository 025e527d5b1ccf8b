namespace FaxBox.LineInterface.Hardware.Boards;

/// <summary>One analog port of a board (an element of the JSON <c>ports</c> array).</summary>
public sealed class BoardPortProfile
{
    /// <summary>The port number users see (<c>--port N</c>), unique on the board (JSON <c>index</c>).</summary>
    public required int Index { get; init; }

    /// <summary>FXS or FXO (JSON <c>type</c>).</summary>
    public required BoardPortType Type { get; init; }

    /// <summary>The chip behind the port, or <see cref="BoardPart.Simulated"/> (JSON <c>part</c>).</summary>
    public required BoardPart Part { get; init; }

    /// <summary>The DAA's line-side part (JSON <c>lineSide</c>): <c>"Si3019"</c> for an Si3050 port, null otherwise.</summary>
    public string? LineSidePart { get; init; }

    /// <summary>A label for logs and the admin page (JSON <c>label</c>); default <c>"fxs0"</c>-style.</summary>
    public required string Label { get; init; }

    /// <summary>The chip's SPI bus and chip select (hardware boards only; JSON <c>spi</c>).</summary>
    public BoardSpiConnection? Spi { get; init; }

    /// <summary>GPIO line (chip-relative offset) of the chip's active-low RESET input (JSON <c>resetPin</c>).</summary>
    public int? ResetPin { get; init; }

    /// <summary>GPIO line of the chip's active-low, open-drain INT output (JSON <c>interruptPin</c>).</summary>
    public int? InterruptPin { get; init; }

    /// <summary>Which channel of the interleaved ALSA stream carries this port (JSON <c>pcmChannel</c>); equals its PCM timeslot.</summary>
    public int? PcmChannel { get; init; }

    /// <inheritdoc/>
    public override string ToString() => $"port {Index} ({Label}, {Type}, {Part})";
}
