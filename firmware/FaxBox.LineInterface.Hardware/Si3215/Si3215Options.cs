namespace FaxBox.LineInterface.Hardware.Si3215;

/// <summary>
/// Line feed, battery, ringing and timing settings of one ProSLIC FXS port. The DC-DC values depend on the converter's
/// components (inductor, FET, sense resistors); the defaults are those of Silicon Labs' reference circuit as used by
/// the Si3210/Si3215 daughter cards that DAHDI drives, and must be re-derived with Silicon Labs' DC-DC design
/// spreadsheet if the HAT's converter differs (hw/README.md lists the reference parts).
/// </summary>
public sealed class Si3215Options
{
    /// <summary>On-hook tip–ring voltage VOC (register 72, 1.5 V per LSB). Default 48 V.</summary>
    public double OnHookVolts { get; set; } = 48;

    /// <summary>High battery VBATH that the DC-DC converter makes (register 74, 1.5 V per LSB); must exceed the ringing peak. Default 69 V.</summary>
    public double BatteryHighVolts { get; set; } = 69;

    /// <summary>Low battery VBATL used off hook (register 75, 1.5 V per LSB). Default 24 V.</summary>
    public double BatteryLowVolts { get; set; } = 24;

    /// <summary>Loop current limit (register 71: 20 mA + 3 mA per step, up to 41 mA). Default 20 mA.</summary>
    public int LoopCurrentLimitMilliamps { get; set; } = 20;

    /// <summary>Ringing frequency. Default 20 Hz (US, UK, most of Europe is 25 Hz: set from the region).</summary>
    public double RingingFrequencyHz { get; set; } = 20;

    /// <summary>Open-circuit ringing peak voltage. Default 65 V (≈ 46 V rms), below <see cref="BatteryHighVolts"/>.</summary>
    public double RingingPeakVolts { get; set; } = 65;

    /// <summary>DC-DC PWM period (register 92, 61.035 ns per LSB). Default 0xFF: 15.6 µs, 64 kHz.</summary>
    public byte DcDcPwmPeriod { get; set; } = 0xFF;

    /// <summary>DC-DC switching delay (register 93 bits 4:0 and polarity bits). Default 0x19 (reference circuit).</summary>
    public byte DcDcSwitchingDelay { get; set; } = 0x19;

    /// <summary>PCM timeslot (16-bit slots after FSYNC). Default 0.</summary>
    public int PcmTimeslot { get; set; }

    /// <summary>PCLK cycles added to the slot's start count (1 for a DSP-A link whose data starts one clock after FSYNC). Default 0.</summary>
    public int PcmBitOffset { get; set; }

    /// <summary>How long VBATH may take to reach 95 % of its setting after the converter starts. Default 1 s.</summary>
    public TimeSpan BatteryTimeout { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long each calibration may take (the datasheet's full calibration takes about 350 ms). Default 2 s.</summary>
    public TimeSpan CalibrationTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Interval between status polls during bring-up. Default 10 ms.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(10);

    /// <summary>Throws when a value is outside what the registers can hold, naming the option.</summary>
    public void Validate()
    {
        Check(OnHookVolts is >= 0 and <= 94.5, nameof(OnHookVolts), "0–94.5 V");
        Check(BatteryHighVolts is >= 12 and <= 94.5, nameof(BatteryHighVolts), "12–94.5 V");
        Check(BatteryLowVolts is >= 12 and <= 94.5 && BatteryLowVolts <= BatteryHighVolts, nameof(BatteryLowVolts), "12 V up to BatteryHighVolts");
        Check(LoopCurrentLimitMilliamps is >= 20 and <= 41 && (LoopCurrentLimitMilliamps - 20) % 3 == 0, nameof(LoopCurrentLimitMilliamps), "20, 23, 26 … 41 mA");
        Check(RingingPeakVolts > 0 && RingingPeakVolts < BatteryHighVolts, nameof(RingingPeakVolts), "above 0 and below BatteryHighVolts");
        Check(RingingFrequencyHz is >= Si3215Ringing.MinFrequencyHz and <= Si3215Ringing.MaxFrequencyHz, nameof(RingingFrequencyHz), "15–68 Hz");
        Check(PcmTimeslot is >= 0 and < 64 && PcmBitOffset is >= 0 and < 16, nameof(PcmTimeslot), "slot 0–63, offset 0–15");
        Check(PollInterval > TimeSpan.Zero && BatteryTimeout > PollInterval && CalibrationTimeout > PollInterval, nameof(PollInterval), "positive and shorter than the timeouts");
    }

    private static void Check(bool ok, string name, string allowed)
    {
        if (!ok)
        {
            throw new ArgumentOutOfRangeException(name, $"Si3215Options.{name} must be {allowed}");
        }
    }
}
