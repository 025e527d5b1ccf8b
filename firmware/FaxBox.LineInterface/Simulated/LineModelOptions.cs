namespace FaxBox.LineInterface.Simulated;

/// <summary>
/// Impairments of a simulated loop, applied in both directions. The defaults are a clean line.
/// Bound from <c>FaxBox:Simulator:Line</c>.
/// </summary>
public sealed class LineModelOptions
{
    /// <summary>Gain of each direction in dB (negative for loss; a long loop loses 3–8 dB). Default 0 dB.</summary>
    public double GainDb { get; set; }

    /// <summary>White noise added to each direction, in dBm0; null for none (a quiet line is about −65 dBm0). Default none.</summary>
    public double? NoiseDbm0 { get; set; }

    /// <summary>Echo return loss of the 2-wire/4-wire hybrid: each end hears its own signal this many dB down; null for no echo.
    /// G.168 assumes at least 6 dB; a typical line gives 10–20 dB. Default none.</summary>
    public double? EchoReturnLossDb { get; set; }

    /// <summary>Delay of the echo, in milliseconds (0.125 ms resolution). Default 8 ms.</summary>
    public double EchoDelayMilliseconds { get; set; } = 8;

    /// <summary>How far the terminal's sample clock runs from the exchange's, in parts per million (ITU-T G.811/G.812 allow
    /// far less in the network; cheap terminals are off by up to ±100 ppm). The difference is taken up by interpolation, and
    /// by slipping a frame when the buffer between the clocks runs out. Default 0.</summary>
    public double ClockOffsetPpm { get; set; }

    /// <summary>Seed of the noise generator, so that runs repeat. Default 1.</summary>
    public int Seed { get; set; } = 1;
}
