namespace FaxBox.LineInterface.Ports;

/// <summary>
/// The hardware seam under an <see cref="FxoPort"/>: everything chip-specific about one FXO line interface (a DAA such as
/// the Si3050 + Si3019). The port does all signalling (ring-cadence recognition, caller-ID capture, DTMF and pulse
/// dialling timing, call-progress tone recognition, disconnect supervision) and calls this seam once per 20 ms tick on
/// the media thread; an implementation must not block. Implemented by the Si3050 driver and by
/// <see cref="Simulated.SimulatedFxoHardware"/>.
/// </summary>
public interface IFxoHardware
{
    /// <summary>Closes (true) or opens (false) the loop: the DAA's off-hook control (Si3050 register 5, OH). Pulse
    /// dialling calls it at make/break boundaries, so it must take effect within one tick.</summary>
    void SetOffHook(bool offHook);

    /// <summary>Enables the on-hook line monitor so that audio (caller ID) is received while on-hook (Si3050 ONHM).</summary>
    void SetOnHookMonitor(bool enabled);

    /// <summary>Whether ringing voltage is present now (the DAA's ring detector, raw: the port recognises the cadence).</summary>
    bool IsRingSignalPresent { get; }

    /// <summary>The loop current in milliamperes while off-hook (Si3050 LCS); 0 when on-hook or when the exchange opened the loop.</summary>
    double LoopCurrentMilliamps { get; }

    /// <summary>The TIP-RING voltage in volts, signed: positive for forward, negative for reversed polarity (Si3050 LVS).</summary>
    double LineVolts { get; }

    /// <summary>Fills <paramref name="frame"/> (160 samples) with the audio received from the line during the last tick.</summary>
    void ReadFrame(Span<short> frame);

    /// <summary>Queues <paramref name="frame"/> (160 samples) to be sent to the line.</summary>
    void WriteFrame(ReadOnlySpan<short> frame);
}
