namespace FaxBox.LineInterface.Hardware.Si3215;

/// <summary>
/// Indirect (16-bit) registers, numbered as on the <b>Si3215</b>. The Si3210 keeps the same registers 13 places higher
/// (Si3210 RING_OSC is 20, Si3215 RING_OSC is 7) and has DCDC_MIN_V at 41 and LOOP_CLOSE_THRESH_LOW at 43; see
/// <see cref="Si3215IndirectRegisterExtensions.AddressOn"/>. Register tables: Si3215 and Si3210 datasheets, "Indirect Registers".
/// </summary>
public enum Si3215IndirectRegister : byte
{
    /// <summary>OSC1 frequency coefficient (tone generator 1).</summary>
    Oscillator1Coefficient = 0,

    /// <summary>OSC1X: tone generator 1 amplitude.</summary>
    Oscillator1X = 1,

    /// <summary>OSC1Y: tone generator 1 initial phase.</summary>
    Oscillator1Y = 2,

    /// <summary>OSC2 frequency coefficient.</summary>
    Oscillator2Coefficient = 3,

    /// <summary>OSC2X.</summary>
    Oscillator2X = 4,

    /// <summary>OSC2Y.</summary>
    Oscillator2Y = 5,

    /// <summary>RING_V_OFF: ringing DC offset.</summary>
    RingingVoltageOffset = 6,

    /// <summary>RING_OSC: ringing frequency coefficient.</summary>
    RingingOscillatorCoefficient = 7,

    /// <summary>RING_X: ringing amplitude.</summary>
    RingingX = 8,

    /// <summary>RING_Y: ringing initial phase (0 for sine ringing).</summary>
    RingingY = 9,

    /// <summary>RECV_DIGITAL_GAIN: 0x4000 is 0 dB.</summary>
    ReceiveDigitalGain = 13,

    /// <summary>XMIT_DIGITAL_GAIN: 0x4000 is 0 dB.</summary>
    TransmitDigitalGain = 14,

    /// <summary>LOOP_CLOSE_THRESH: off-hook detection threshold.</summary>
    LoopClosureThreshold = 15,

    /// <summary>RING_TRIP_THRESH.</summary>
    RingTripThreshold = 16,

    /// <summary>COMMON_MIN_THRESH.</summary>
    CommonModeMinThreshold = 17,

    /// <summary>COMMON_MAX_THRESH.</summary>
    CommonModeMaxThreshold = 18,

    /// <summary>PWR_ALARM_Q1Q2: power-alarm threshold of the external transistors Q1/Q2.</summary>
    PowerAlarmQ1Q2 = 19,

    /// <summary>PWR_ALARM_Q3Q4.</summary>
    PowerAlarmQ3Q4 = 20,

    /// <summary>PWR_ALARM_Q5Q6.</summary>
    PowerAlarmQ5Q6 = 21,

    /// <summary>LOOP_CLOSURE_FILTER coefficient.</summary>
    LoopClosureFilter = 22,

    /// <summary>RING_TRIP_FILTER coefficient.</summary>
    RingTripFilter = 23,

    /// <summary>THERM_LP_POLE_Q1Q2: thermal low-pass pole of the power monitor.</summary>
    ThermalPoleQ1Q2 = 24,

    /// <summary>THERM_LP_POLE_Q3Q4.</summary>
    ThermalPoleQ3Q4 = 25,

    /// <summary>THERM_LP_POLE_Q5Q6.</summary>
    ThermalPoleQ5Q6 = 26,

    /// <summary>CM_BIAS_RINGING: common-mode bias during ringing.</summary>
    CommonModeBiasRinging = 27,

    /// <summary>DCDC_MIN_V: DC-DC converter minimum output voltage.</summary>
    DcDcMinimumVoltage = 64,

    /// <summary>LOOP_CLOSE_THRESH_LOW: loop-closure hysteresis threshold.</summary>
    LoopClosureThresholdLow = 66,
}
