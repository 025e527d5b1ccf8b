namespace FaxBox.LineInterface.Ports;

/// <summary>
/// The hardware seam under an <see cref="FxsPort"/>: everything chip-specific about one FXS line circuit. The port does
/// all signalling (ring cadence, caller-ID timing, tone plans, hook debounce, flash and pulse-digit recognition, DTMF)
/// and calls this seam once per 20 ms tick on the media thread, so an implementation must not block: it reads latched
/// status and moves one frame to and from buffers serviced elsewhere (an ALSA stream, a SPI interrupt handler).
/// Implemented by the Si3215 driver (FaxBox.LineInterface.Hardware) and by <see cref="Simulated.SimulatedFxsHardware"/>.
/// </summary>
public interface IFxsHardware
{
    /// <summary>Applies a linefeed state. Called only when the state changes. Ringing frequency and voltage are set up by
    /// the hardware from the region (<see cref="Regions.RingSpec.FrequencyHz"/>) when the port is created.</summary>
    void SetLinefeed(FxsLinefeed state);

    /// <summary>Whether the loop is closed now (the SLIC's loop-closure or ring-trip detector, raw: the port debounces).
    /// A break shorter than one tick that the hardware latched should be reported on the next read.</summary>
    bool IsLoopClosed { get; }

    /// <summary>Fills <paramref name="frame"/> (160 samples) with the audio received from the terminal during the last tick;
    /// silence when none is available (an underrun is the hardware's to count and recover).</summary>
    void ReadFrame(Span<short> frame);

    /// <summary>Queues <paramref name="frame"/> (160 samples) to be sent to the terminal.</summary>
    void WriteFrame(ReadOnlySpan<short> frame);
}
