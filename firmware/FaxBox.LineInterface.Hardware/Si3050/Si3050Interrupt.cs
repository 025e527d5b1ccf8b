namespace FaxBox.LineInterface.Hardware.Si3050;

/// <summary>Register 3 (mask) and register 4 (source) bits.</summary>
[Flags]
#pragma warning disable CA1711 // the datasheet's own name
public enum Si3050Interrupt : byte
#pragma warning restore CA1711
{
    None = 0,

    /// <summary>POLI (0): line polarity reversed.</summary>
    Polarity = 0x01,

    /// <summary>TGDI (1): line-side (ISOcap) communication lost.</summary>
    LineSideLost = 0x02,

    /// <summary>LCSOI (2): loop current overload.</summary>
    LoopCurrentOverload = 0x04,

    /// <summary>DODI (3): drop-out: line voltage collapsed while off hook (the exchange cleared or the cable was pulled).</summary>
    DropOut = 0x08,

    /// <summary>BTDI (4): billing tone detected.</summary>
    BillingTone = 0x10,

    /// <summary>FDTI (5): frame detect changed (line-side link).</summary>
    FrameDetect = 0x20,

    /// <summary>ROVI (6): receive overload.</summary>
    ReceiveOverload = 0x40,

    /// <summary>RDTI (7): ring detected.</summary>
    Ring = 0x80,
}
