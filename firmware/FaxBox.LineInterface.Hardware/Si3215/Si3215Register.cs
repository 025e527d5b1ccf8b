namespace FaxBox.LineInterface.Hardware.Si3215;

/// <summary>
/// Direct registers of the Si3215 ProSLIC (the Si3210 uses the same numbers), by decimal address as in the Si3210/Si3215
/// datasheet register map. Only the registers this driver uses are named.
/// </summary>
public enum Si3215Register : byte
{
    /// <summary>0: SPI mode select / chip ID: bits 3:0 revision, bits 5:4 part number.</summary>
    Id = 0,

    /// <summary>1: PCM mode select (PCME, PCMF); bit 7 reads 1 on an Si3215, 0 on an Si3210.</summary>
    PcmMode = 1,

    /// <summary>2: PCM transmit start count, low byte (PCLK cycles after FSYNC).</summary>
    PcmTransmitStartLow = 2,

    /// <summary>3: PCM transmit start count, high bits 1:0.</summary>
    PcmTransmitStartHigh = 3,

    /// <summary>4: PCM receive start count, low byte.</summary>
    PcmReceiveStartLow = 4,

    /// <summary>5: PCM receive start count, high bits 1:0.</summary>
    PcmReceiveStartHigh = 5,

    /// <summary>8: audio loopback control; reset value 0x02 (used as a sanity check).</summary>
    Loopback = 8,

    /// <summary>9: audio gain control (analog transmit/receive gain steps).</summary>
    AudioGain = 9,

    /// <summary>10: two-wire impedance synthesis control.</summary>
    LineImpedance = 10,

    /// <summary>11: hybrid control; reset value 0x33 (used as a sanity check).</summary>
    Hybrid = 11,

    /// <summary>14: powerdown control 1; bit 4 powers the DC-DC converter down (reset value has it set).</summary>
    PowerDown1 = 14,

    /// <summary>18: interrupt status 1 (oscillator and ringing timers).</summary>
    InterruptStatus1 = 18,

    /// <summary>19: interrupt status 2 (ring trip, loop closure, power alarms); write 1 to clear.</summary>
    InterruptStatus2 = 19,

    /// <summary>20: interrupt status 3 (DTMF on the Si3210; common-mode balance calibration error).</summary>
    InterruptStatus3 = 20,

    /// <summary>21: interrupt enable 1.</summary>
    InterruptEnable1 = 21,

    /// <summary>22: interrupt enable 2.</summary>
    InterruptEnable2 = 22,

    /// <summary>23: interrupt enable 3.</summary>
    InterruptEnable3 = 23,

    /// <summary>28: indirect data access, low byte (IDA).</summary>
    IndirectDataLow = 28,

    /// <summary>29: indirect data access, high byte.</summary>
    IndirectDataHigh = 29,

    /// <summary>30: indirect address (IAA); writing it starts the indirect read or write.</summary>
    IndirectAddress = 30,

    /// <summary>31: indirect access status (IAS); bit 0 set while an access is pending.</summary>
    IndirectStatus = 31,

    /// <summary>34: ringing oscillator control (sine/trapezoid, active/inactive timer enables).</summary>
    RingingControl = 34,

    /// <summary>63: loop closure debounce interval.</summary>
    LoopClosureDebounce = 63,

    /// <summary>64: linefeed control (LF bits 2:0 written, LFS bits 6:4 read back).</summary>
    Linefeed = 64,

    /// <summary>67: automatic/manual control (automatic ring trip and power-alarm responses).</summary>
    AutomaticControl = 67,

    /// <summary>68: loop closure / ring trip detect status (LCR bit 0, RTP bit 1).</summary>
    LoopStatus = 68,

    /// <summary>69: loop closure debounce.</summary>
    LoopDebounce = 69,

    /// <summary>70: ring trip debounce.</summary>
    RingTripDebounce = 70,

    /// <summary>71: maximum loop current (ILIM, 20 mA + 3 mA per step).</summary>
    LoopCurrentLimit = 71,

    /// <summary>72: on-hook line voltage VOC (1.5 V per LSB).</summary>
    OnHookVoltage = 72,

    /// <summary>73: common-mode voltage VCM (1.5 V per LSB).</summary>
    CommonModeVoltage = 73,

    /// <summary>74: high battery voltage VBATH (1.5 V per LSB).</summary>
    BatteryHigh = 74,

    /// <summary>75: low battery voltage VBATL (1.5 V per LSB).</summary>
    BatteryLow = 75,

    /// <summary>78: loop voltage sense (read only).</summary>
    LoopVoltageSense = 78,

    /// <summary>79: loop current sense (read only).</summary>
    LoopCurrentSense = 79,

    /// <summary>82: VBATH sense (read only, 0.376 V per LSB).</summary>
    BatteryHighSense = 82,

    /// <summary>83: VBATL sense (read only, 0.376 V per LSB).</summary>
    BatteryLowSense = 83,

    /// <summary>92: DC-DC converter PWM period (61.035 ns per LSB).</summary>
    DcDcPwmPeriod = 92,

    /// <summary>93: DC-DC converter switching delay; bit 7 (DCCAL) starts the converter's calibration and clears when done.</summary>
    DcDcSwitchingDelay = 93,

    /// <summary>96: calibration control/status 1; bit 6 (CAL) starts calibration, the bits read 0 when every step is done.</summary>
    Calibration1 = 96,

    /// <summary>97: calibration control/status 2 (which calibrations run).</summary>
    Calibration2 = 97,

    /// <summary>108: enhancement enable.</summary>
    Enhancement = 108,
}
