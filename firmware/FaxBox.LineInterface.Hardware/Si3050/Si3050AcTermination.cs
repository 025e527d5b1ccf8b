namespace FaxBox.LineInterface.Hardware.Si3050;

/// <summary>Register 30 ACIM[3:0]: the AC termination the DAA synthesises (Si3050 datasheet, register 30 table). Only the values used by the supported regions are named.</summary>
public enum Si3050AcTermination : byte
{
    /// <summary>0000: 600 Ω (US, JP).</summary>
    Ohms600 = 0x0,

    /// <summary>0010: 270 Ω + (750 Ω ∥ 150 nF), the TBR21/CTR21 impedance (FR, IT, NL and most of Europe).</summary>
    Tbr21 = 0x2,

    /// <summary>0011: 220 Ω + (820 Ω ∥ 120 nF) and 220 Ω + (820 Ω ∥ 115 nF) (DE, AU).</summary>
    Ohms220Plus820Parallel120nF = 0x3,

    /// <summary>0101: 320 Ω + (1050 Ω ∥ 230 nF) (UK terminal equipment).</summary>
    Ohms320Plus1050Parallel230nF = 0x5,

    /// <summary>1111: global complex impedance.</summary>
    GlobalComplex = 0xF,
}
