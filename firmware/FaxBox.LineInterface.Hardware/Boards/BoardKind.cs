namespace FaxBox.LineInterface.Hardware.Boards;

/// <summary>What drives a board's ports: the in-memory simulator or real chips.</summary>
public enum BoardKind
{
    /// <summary>The in-memory line of <c>FaxBox.LineInterface.Simulated</c> (JSON <c>"simulator"</c>).</summary>
    Simulator,

    /// <summary>Chips on SPI, PCM audio through ALSA, GPIO lines (JSON <c>"hardware"</c>).</summary>
    Hardware,
}
