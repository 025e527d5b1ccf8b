namespace FaxBox.LineInterface.Hardware.Si3050;

/// <summary>Si3050 system-side DAA registers used by the driver, by decimal address (Si3050 datasheet "Register Summary").</summary>
public enum Si3050Register : byte
{
    /// <summary>1: control 1; bit 7 (SR) soft reset.</summary>
    Control1 = 1,

    /// <summary>2: control 2: INTE (7), INTP (6), HBE (1), RXE (0); reset value 0x03, used to detect the chip.</summary>
    Control2 = 2,

    /// <summary>3: interrupt mask (same bit layout as register 4).</summary>
    InterruptMask = 3,

    /// <summary>4: interrupt source; a set bit stays set until written 0.</summary>
    InterruptSource = 4,

    /// <summary>5: DAA control 1: RDTP (6), RDTN (5), ONHM (3), RDT (2), OH (0).</summary>
    DaaControl1 = 5,

    /// <summary>6: DAA control 2: PDL (4) powers the line side down (set after reset), PDN (3).</summary>
    DaaControl2 = 6,

    /// <summary>11: system- and line-side revision: LSID (7:4, zero until the line side has linked), REVA (3:0).</summary>
    Revision = 11,

    /// <summary>12: line-side device status: FDT (6) frame detect, LCS (4:0) coarse loop current.</summary>
    LineSideStatus = 12,

    /// <summary>16: international control 1: OHS (6), IIRE (4), RZ (1), RT (0).</summary>
    InternationalControl1 = 16,

    /// <summary>17: international control 2: BTE (2) billing-tone protect, ROV (1), BTD (0).</summary>
    InternationalControl2 = 17,

    /// <summary>26: DC termination control: DCV (7:6), MINI (5:4), ILIM (1), DCR (0).</summary>
    DcTermination = 26,

    /// <summary>28: loop current status LCS2 (read only).</summary>
    LoopCurrent = 28,

    /// <summary>29: line voltage status LVS, signed volts (read only).</summary>
    LineVoltage = 29,

    /// <summary>30: AC termination control: ACIM (3:0).</summary>
    AcTermination = 30,

    /// <summary>31: DAA control 4: FULL (7), FOH (6:5), OHS2 (3), FILT (1), LVFD (0).</summary>
    DaaControl4 = 31,

    /// <summary>33: PCM/SPI mode select: PCME (5), PCMF (4:3).</summary>
    PcmMode = 33,

    /// <summary>34: PCM transmit start count, low byte.</summary>
    PcmTransmitStartLow = 34,

    /// <summary>35: PCM transmit start count, high bits.</summary>
    PcmTransmitStartHigh = 35,

    /// <summary>36: PCM receive start count, low byte.</summary>
    PcmReceiveStartLow = 36,

    /// <summary>37: PCM receive start count, high bits.</summary>
    PcmReceiveStartHigh = 37,
}
