namespace FaxBox.LineInterface.Hardware.Si3215;

/// <summary>Register 19 (interrupt status 2) and register 22 (its enables). Status bits are cleared by writing 1.</summary>
[Flags]
#pragma warning disable CA1711 // the datasheet's own name
public enum Si3215Interrupt2 : byte
#pragma warning restore CA1711
{
    None = 0,

    /// <summary>RTIP (bit 0): ring trip.</summary>
    RingTrip = 0x01,

    /// <summary>LCIP (bit 1): loop closure changed (off hook or on hook).</summary>
    LoopClosure = 0x02,

    /// <summary>Q1AP–Q6AP (bits 7:2): power alarm of an external transistor (overheating: the line is shorted or the loop too long for the battery).</summary>
    PowerAlarms = 0xFC,
}
