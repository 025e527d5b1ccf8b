namespace FaxBox.LineInterface.Hardware.Si3215;

/// <summary>What one service of the INT line found.</summary>
/// <param name="Pending">The interrupt-status-2 bits that were set (and have been cleared).</param>
/// <param name="Loop">Loop status read after the interrupt: the hook state to report.</param>
/// <param name="Linefeed">Linefeed state in force afterwards (after a ring trip the chip has left <see cref="Si3215Linefeed.Ringing"/> by itself).</param>
public readonly record struct Si3215InterruptEvents(Si3215Interrupt2 Pending, Si3215LoopStatus Loop, Si3215Linefeed Linefeed)
{
    /// <summary>True when the hook state may have changed (loop closure or ring trip).</summary>
    public bool HookChanged => (Pending & (Si3215Interrupt2.LoopClosure | Si3215Interrupt2.RingTrip)) != 0;

    /// <summary>True when a transistor power alarm fired: the chip has opened the line to protect itself.</summary>
    public bool PowerAlarm => (Pending & Si3215Interrupt2.PowerAlarms) != 0;
}
