using System.Device.Spi;

namespace FaxBox.LineInterface.Hardware.Si3215;

/// <summary>
/// Driver for the Silicon Labs Si3215 (and Si3210) ProSLIC: one FXS line. Brings the chip up (identity, DC-DC converter,
/// calibration, PCM, feed and ringing), drives the linefeed, and services its INT line for hook and ring-trip events.
/// Register numbers and bit fields: Si3210/Si3215 datasheets ("Register Descriptions", "Indirect Registers") and AN35.
/// The chip's PLL locks to PCLK by itself; PCLK and FSYNC (the ALSA link) must run before RESET is released, and
/// nothing here can program around a missing clock (the ID reads back garbage).
/// Thread-safe: a lock serialises bus traffic between the control path and the interrupt path.
/// </summary>
public sealed class Si3215 : IDisposable
{
    /// <summary>SPI mode: SCLK idles high, data sampled on the rising edge (datasheet "Control Interface").</summary>
    public const SpiMode SpiMode = System.Device.Spi.SpiMode.Mode3;

    /// <summary>Bits per SPI word.</summary>
    public const int DataBitLength = 8;

    /// <summary>The SPI clock the reference HAT runs at; the datasheet's maximum is higher.</summary>
    public const int DefaultClockFrequency = 1_000_000;

    /// <summary>Control byte bit 7: 1 = read, 0 = write; bits 6:0 are the register address.</summary>
    private const byte ReadFlag = 0x80;

    // Reset values used as sanity checks (datasheet register map; DAHDI's wctdm checks the same three).
    private const byte LoopbackResetValue = 0x02;
    private const byte HybridResetValue = 0x33;

    private const int IndirectPollLimit = 100;

    private readonly SpiDevice _spi;
    private readonly bool _shouldDispose;
    private readonly Si3215Options _options;
    private readonly TimeProvider _time;
    private readonly Lock _bus = new();
    private readonly byte[] _frame = new byte[1];
    private Si3215PcmMode _pcmMode;

    /// <summary>Creates the driver; nothing is sent until <see cref="InitializeAsync"/>.</summary>
    /// <param name="spiDevice">The chip's SPI device (mode 3, 8-bit words).</param>
    /// <param name="options">Feed and timing settings; validated here.</param>
    /// <param name="timeProvider">Clock for bring-up waits; <see cref="TimeProvider.System"/> by default.</param>
    /// <param name="shouldDispose">True to dispose <paramref name="spiDevice"/> with the driver.</param>
    public Si3215(SpiDevice spiDevice, Si3215Options? options = null, TimeProvider? timeProvider = null, bool shouldDispose = true)
    {
        _spi = spiDevice ?? throw new ArgumentNullException(nameof(spiDevice));
        _options = options ?? new Si3215Options();
        _options.Validate();
        _time = timeProvider ?? TimeProvider.System;
        _shouldDispose = shouldDispose;
        var settings = spiDevice.ConnectionSettings;
        DeviceName = $"SPI{settings.BusId}.{settings.ChipSelectLine}";
    }

    /// <summary>The bus device in messages: <c>SPI0.0</c>.</summary>
    public string DeviceName { get; }

    /// <summary>The part found by <see cref="InitializeAsync"/>.</summary>
    public Si3215Variant Variant { get; private set; }

    /// <summary>Register 0 as read by <see cref="InitializeAsync"/>.</summary>
    public Si3215ChipId ChipId { get; private set; }

    /// <summary>True once <see cref="InitializeAsync"/> has completed.</summary>
    public bool IsInitialized { get; private set; }

    private string PartName => Variant.ToString();

    /// <summary>
    /// Brings a freshly reset chip up: identity, indirect defaults, DC-DC converter and its calibration, analog
    /// calibration, PCM, audio, feed, ringing and interrupts; leaves the line in forward active.
    /// </summary>
    /// <param name="expected">The part the board file names; a different part on the bus is an error.</param>
    /// <param name="cancellationToken">Stops the bring-up waits.</param>
    /// <exception cref="ChipFaultException">The chip is absent, is not the expected part, or a bring-up step failed.</exception>
    public async Task InitializeAsync(Si3215Variant expected, CancellationToken cancellationToken = default)
    {
        Variant = expected;
        Identify(expected);
        WriteIndirectDefaults();

        // Out of the reset loopback (register 8 = 0x02 after reset: analog loopback on).
        WriteRegister(Si3215Register.Loopback, 0x00);

        await StartDcDcConverterAsync(cancellationToken).ConfigureAwait(false);

        // Calibration runs with the line open (datasheet "Calibration"; AN35 §"Calibration").
        SetLinefeed(Si3215Linefeed.Open);
        await CalibrateAsync(cancellationToken).ConfigureAwait(false);

        ConfigurePcm();
        ConfigureFeed();
        ConfigureRinging(_options.RingingFrequencyHz, _options.RingingPeakVolts);
        SetDigitalGains(0, 0);
        WriteRegister(Si3215Register.AudioGain, new Si3215AudioGain(Si3215AnalogGain.Zero, Si3215AnalogGain.Zero).ToByte());

        // Interrupts: clear anything pending (write 1 to clear), then enable loop closure, ring trip and power alarms on INT.
        WriteRegister(Si3215Register.InterruptStatus1, 0xFF);
        WriteRegister(Si3215Register.InterruptStatus2, 0xFF);
        WriteRegister(Si3215Register.InterruptStatus3, 0xFF);
        WriteRegister(Si3215Register.InterruptEnable1, 0x00);
        WriteRegister(Si3215Register.InterruptEnable2, (byte)(Si3215Interrupt2.LoopClosure | Si3215Interrupt2.RingTrip | Si3215Interrupt2.PowerAlarms));
        WriteRegister(Si3215Register.InterruptEnable3, 0x00);

        SetLinefeed(Si3215Linefeed.ForwardActive);
        IsInitialized = true;
    }

    /// <summary>Sets the linefeed state (register 64 LF).</summary>
    public void SetLinefeed(Si3215Linefeed state) => WriteRegister(Si3215Register.Linefeed, (byte)state);

    /// <summary>Reads register 64: the state asked for and the state in force.</summary>
    public Si3215LinefeedControl ReadLinefeed() => Si3215LinefeedControl.FromByte(ReadRegister(Si3215Register.Linefeed));

    /// <summary>Reads register 68: off hook (LCR) and ring trip (RTP).</summary>
    public Si3215LoopStatus ReadLoopStatus() => Si3215LoopStatus.FromByte(ReadRegister(Si3215Register.LoopStatus));

    /// <summary>Programs the ringing oscillator for a sine of the given frequency and open-circuit peak voltage.</summary>
    public void ConfigureRinging(double frequencyHz, double peakVolts)
    {
        if (peakVolts >= _options.BatteryHighVolts)
        {
            throw new ArgumentOutOfRangeException(nameof(peakVolts), peakVolts, $"ringing peak must stay below VBATH ({_options.BatteryHighVolts} V)");
        }

        WriteIndirect(Si3215IndirectRegister.RingingOscillatorCoefficient, Si3215Ringing.OscillatorCoefficient(frequencyHz));
        WriteIndirect(Si3215IndirectRegister.RingingX, Si3215Ringing.Amplitude(frequencyHz, peakVolts));
        WriteIndirect(Si3215IndirectRegister.RingingY, 0);
        WriteIndirect(Si3215IndirectRegister.RingingVoltageOffset, 0);

        // Register 34 = 0: sine ringing, ring active/inactive timers off: the cadence is timed by the caller switching
        // the linefeed between Ringing and ForwardOnHookTransmission, so that any region's cadence and caller ID between rings work.
        WriteRegister(Si3215Register.RingingControl, 0x00);
    }

    /// <summary>Sets the digital receive (PCM to line) and transmit (line to PCM) gains, −30 to +6 dB.</summary>
    public void SetDigitalGains(double receiveDb, double transmitDb)
    {
        WriteIndirect(Si3215IndirectRegister.ReceiveDigitalGain, Si3215Ringing.DigitalGain(receiveDb));
        WriteIndirect(Si3215IndirectRegister.TransmitDigitalGain, Si3215Ringing.DigitalGain(transmitDb));
    }

    /// <summary>
    /// Services the INT line: reads and clears interrupt status 2, then reads the loop status and linefeed state.
    /// Call when INT (active low) is asserted.
    /// </summary>
    public Si3215InterruptEvents ServiceInterrupt()
    {
        lock (_bus)
        {
            var pending = (Si3215Interrupt2)ReadRegister(Si3215Register.InterruptStatus2);
            if (pending != Si3215Interrupt2.None)
            {
                WriteRegister(Si3215Register.InterruptStatus2, (byte)pending);
            }

            var loop = ReadLoopStatus();
            var linefeed = ReadLinefeed().Actual;
            return new Si3215InterruptEvents(pending, loop, linefeed);
        }
    }

    /// <summary>VBATH as measured (register 82, 0.376 V per LSB).</summary>
    public double ReadBatteryHighVolts() => ReadRegister(Si3215Register.BatteryHighSense) * BatterySenseVoltsPerLsb;

    /// <summary>Reads an indirect register (through IAA, IAS and IDA).</summary>
    public ushort ReadIndirect(Si3215IndirectRegister register)
    {
        lock (_bus)
        {
            WaitIndirectIdle(register);
            WriteRegister(Si3215Register.IndirectAddress, register.AddressOn(Variant));
            WaitIndirectIdle(register);
            return (ushort)(ReadRegister(Si3215Register.IndirectDataLow) | (ReadRegister(Si3215Register.IndirectDataHigh) << 8));
        }
    }

    /// <summary>Writes an indirect register: IDA low, IDA high, then IAA starts the write.</summary>
    public void WriteIndirect(Si3215IndirectRegister register, ushort value)
    {
        lock (_bus)
        {
            WaitIndirectIdle(register);
            WriteRegister(Si3215Register.IndirectDataLow, (byte)value);
            WriteRegister(Si3215Register.IndirectDataHigh, (byte)(value >> 8));
            WriteRegister(Si3215Register.IndirectAddress, register.AddressOn(Variant));
        }
    }

    /// <summary>Reads a direct register.</summary>
    public byte ReadRegister(Si3215Register register) => ReadByteAt((byte)register);

    /// <summary>Writes a direct register.</summary>
    public void WriteRegister(Si3215Register register, byte value) => WriteByteAt((byte)register, value);

    /// <inheritdoc/>
    public void Dispose()
    {
        if (_shouldDispose)
        {
            _spi.Dispose();
        }
    }

    /// <summary>VBATH/VBATL sense scale (registers 82/83).</summary>
    internal const double BatterySenseVoltsPerLsb = 0.376;

    /// <summary>VOC, VBATH, VBATL setting scale (registers 72, 74, 75).</summary>
    internal const double VoltageSettingVoltsPerLsb = 1.5;

    private void Identify(Si3215Variant expected)
    {
        var idByte = ReadRegister(Si3215Register.Id);
        ChipId = Si3215ChipId.FromByte(idByte);

        // 0xFF: MISO floats high (no chip, or no PCLK so the chip's logic is not clocked); 0x00: MISO held low.
        if (idByte == 0xFF || ChipId.Revision is 0x0 or 0xF)
        {
            throw ChipFaultException.NotAnswering(expected.ToString(), DeviceName, (byte)Si3215Register.Id, idByte);
        }

        _pcmMode = Si3215PcmMode.FromByte(ReadRegister(Si3215Register.PcmMode));
        var found = _pcmMode.IsSi3215 ? Si3215Variant.Si3215 : Si3215Variant.Si3210;
        if (found != expected)
        {
            throw new ChipFaultException(expected.ToString(), DeviceName, $"the board file names an {expected} but the chip reports an {found} (register 1 bit 7 = {(_pcmMode.IsSi3215 ? 1 : 0)})");
        }

        ExpectResetValue(Si3215Register.Loopback, LoopbackResetValue);
        ExpectResetValue(Si3215Register.Hybrid, HybridResetValue);
        ExpectResetValue(Si3215Register.Linefeed, (byte)Si3215Linefeed.Open);
    }

    private void ExpectResetValue(Si3215Register register, byte expected)
    {
        var value = ReadRegister(register);
        if (value != expected)
        {
            throw new ChipFaultException(PartName, DeviceName,
                $"register {(byte)register} ({register}) reads 0x{value:X2}, a freshly reset chip reads 0x{expected:X2}: was RESET pulsed, and is this the right chip select?");
        }
    }

    /// <summary>
    /// Indirect register start values (Si3210 datasheet indirect register table and AN35 initialisation list; the same
    /// values DAHDI's wctdm writes). Tone oscillators are cleared because call-progress tones travel as PCM audio.
    /// </summary>
    private void WriteIndirectDefaults()
    {
        foreach (var (register, value) in IndirectDefaults)
        {
            WriteIndirect(register, value);
        }
    }

    internal static readonly (Si3215IndirectRegister Register, ushort Value)[] IndirectDefaults =
    [
        (Si3215IndirectRegister.Oscillator1Coefficient, 0x0000),
        (Si3215IndirectRegister.Oscillator1X, 0x0000),
        (Si3215IndirectRegister.Oscillator1Y, 0x0000),
        (Si3215IndirectRegister.Oscillator2Coefficient, 0x0000),
        (Si3215IndirectRegister.Oscillator2X, 0x0000),
        (Si3215IndirectRegister.Oscillator2Y, 0x0000),
        (Si3215IndirectRegister.ReceiveDigitalGain, Si3215Ringing.UnityDigitalGain),
        (Si3215IndirectRegister.TransmitDigitalGain, Si3215Ringing.UnityDigitalGain),
        (Si3215IndirectRegister.LoopClosureThreshold, 0x1000),   // ≈ 10 mA loop-closure threshold (AN35)
        (Si3215IndirectRegister.RingTripThreshold, 0x3600),
        (Si3215IndirectRegister.CommonModeMinThreshold, 0x1000),
        (Si3215IndirectRegister.CommonModeMaxThreshold, 0x0200),
        (Si3215IndirectRegister.PowerAlarmQ1Q2, 0x07C0),
        (Si3215IndirectRegister.PowerAlarmQ3Q4, 0x2600),
        (Si3215IndirectRegister.PowerAlarmQ5Q6, 0x1B80),
        (Si3215IndirectRegister.LoopClosureFilter, 0x8000),
        (Si3215IndirectRegister.RingTripFilter, 0x0320),
        (Si3215IndirectRegister.ThermalPoleQ1Q2, 0x008C),
        (Si3215IndirectRegister.ThermalPoleQ3Q4, 0x0100),
        (Si3215IndirectRegister.ThermalPoleQ5Q6, 0x0010),
        (Si3215IndirectRegister.CommonModeBiasRinging, 0x0C00),
        (Si3215IndirectRegister.DcDcMinimumVoltage, 0x0C00),
        (Si3215IndirectRegister.LoopClosureThresholdLow, 0x1000),
    ];

    /// <summary>
    /// Starts the DC-DC converter that makes the battery (datasheet "DC-DC Converter"): program VBATH/VBATL and the PWM,
    /// power the converter up (register 14 bit 4 = 0), wait for VBATH, then run the converter's calibration (register 93 DCCAL).
    /// </summary>
    private async Task StartDcDcConverterAsync(CancellationToken cancellationToken)
    {
        WriteRegister(Si3215Register.BatteryHigh, VoltsToSetting(_options.BatteryHighVolts));
        WriteRegister(Si3215Register.BatteryLow, VoltsToSetting(_options.BatteryLowVolts));
        WriteRegister(Si3215Register.DcDcPwmPeriod, _options.DcDcPwmPeriod);
        WriteRegister(Si3215Register.DcDcSwitchingDelay, _options.DcDcSwitchingDelay);
        WriteRegister(Si3215Register.PowerDown1, 0x00);

        var wanted = (byte)Math.Min(255, Math.Floor(_options.BatteryHighVolts * 0.95 / BatterySenseVoltsPerLsb));
        var sense = await PollAsync(Si3215Register.BatteryHighSense, v => v >= wanted, _options.BatteryTimeout, cancellationToken).ConfigureAwait(false);
        if (sense < wanted)
        {
            throw new ChipFaultException(PartName, DeviceName,
                $"DC-DC converter: VBATH reached {sense * BatterySenseVoltsPerLsb:0.0} V of {_options.BatteryHighVolts:0.0} V within {_options.BatteryTimeout.TotalMilliseconds:0} ms (register 82 = 0x{sense:X2}): check the converter's supply, inductor and FET");
        }

        WriteRegister(Si3215Register.DcDcSwitchingDelay, (byte)(_options.DcDcSwitchingDelay | 0x80));
        var dcdc = await PollAsync(Si3215Register.DcDcSwitchingDelay, v => (v & 0x80) == 0, _options.CalibrationTimeout, cancellationToken).ConfigureAwait(false);
        if ((dcdc & 0x80) != 0)
        {
            throw new ChipFaultException(PartName, DeviceName, $"DC-DC calibration did not finish within {_options.CalibrationTimeout.TotalMilliseconds:0} ms (register 93 = 0x{dcdc:X2})");
        }
    }

    /// <summary>
    /// Analog calibration (datasheet "Calibration", AN35): first the offsets, gain mismatch and current limits
    /// (register 97 = 0x1E, register 96 = 0x47: CAL plus the selected steps; the bits clear as each step completes), then the
    /// common-mode (longitudinal) balance (97 = 0x01, 96 = 0x40), whose failure sets register 20 bit 2.
    /// </summary>
    private async Task CalibrateAsync(CancellationToken cancellationToken)
    {
        if (ReadLoopStatus().LoopClosed)
        {
            throw new ChipFaultException(PartName, DeviceName, "cannot calibrate with the phone off hook (register 68 LCR = 1): hang up and restart");
        }

        WriteRegister(Si3215Register.InterruptStatus3, 0xFF);
        await RunCalibrationAsync(0x1E, 0x47, "offset and gain calibration", cancellationToken).ConfigureAwait(false);
        await RunCalibrationAsync(0x01, 0x40, "common-mode balance calibration", cancellationToken).ConfigureAwait(false);

        var status3 = ReadRegister(Si3215Register.InterruptStatus3);
        if ((status3 & CommonModeBalanceError) != 0)
        {
            throw new ChipFaultException(PartName, DeviceName, $"common-mode balance calibration failed (register 20 = 0x{status3:X2}, bit 2 set): check the tip/ring protection and the line for leakage to ground");
        }
    }

    /// <summary>Register 20 bit 2: common-mode balance calibration error.</summary>
    internal const byte CommonModeBalanceError = 0x04;

    private async Task RunCalibrationAsync(byte steps2, byte steps1, string what, CancellationToken cancellationToken)
    {
        WriteRegister(Si3215Register.Calibration2, steps2);
        WriteRegister(Si3215Register.Calibration1, steps1);
        var status = await PollAsync(Si3215Register.Calibration1, v => v == 0, _options.CalibrationTimeout, cancellationToken).ConfigureAwait(false);
        if (status != 0)
        {
            throw new ChipFaultException(PartName, DeviceName, $"{what} did not finish within {_options.CalibrationTimeout.TotalMilliseconds:0} ms (register 96 still reads 0x{status:X2})");
        }
    }

    /// <summary>PCM: start counts for the timeslot (registers 2–5, PCLK cycles after FSYNC), then 16-bit linear with PCM on (register 1).</summary>
    private void ConfigurePcm()
    {
        var start = (_options.PcmTimeslot * 16) + _options.PcmBitOffset;
        WriteRegister(Si3215Register.PcmTransmitStartLow, (byte)start);
        WriteRegister(Si3215Register.PcmTransmitStartHigh, (byte)((start >> 8) & 0x03));
        WriteRegister(Si3215Register.PcmReceiveStartLow, (byte)start);
        WriteRegister(Si3215Register.PcmReceiveStartHigh, (byte)((start >> 8) & 0x03));
        _pcmMode = _pcmMode with { Enabled = true, Format = Si3215PcmFormat.Linear16 };
        WriteRegister(Si3215Register.PcmMode, _pcmMode.ToByte());
    }

    /// <summary>Feed: loop current limit (register 71: (I − 20 mA)/3 mA) and on-hook voltage (register 72).</summary>
    private void ConfigureFeed()
    {
        WriteRegister(Si3215Register.LoopCurrentLimit, (byte)((_options.LoopCurrentLimitMilliamps - 20) / 3));
        WriteRegister(Si3215Register.OnHookVoltage, VoltsToSetting(_options.OnHookVolts));
    }

    private static byte VoltsToSetting(double volts) => (byte)Math.Round(volts / VoltageSettingVoltsPerLsb);

    private async Task<byte> PollAsync(Si3215Register register, Func<byte, bool> done, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var started = _time.GetTimestamp();
        var limit = (int)Math.Ceiling(timeout / _options.PollInterval) + 1;
        byte value = 0;
        for (var i = 0; i < limit; i++)
        {
            value = ReadRegister(register);
            if (done(value) || _time.GetElapsedTime(started) >= timeout)
            {
                return value;
            }

            await Task.Delay(_options.PollInterval, _time, cancellationToken).ConfigureAwait(false);
        }

        return value;
    }

    private void WaitIndirectIdle(Si3215IndirectRegister register)
    {
        for (var i = 0; i < IndirectPollLimit; i++)
        {
            if ((ReadRegister(Si3215Register.IndirectStatus) & 0x01) == 0)
            {
                return;
            }
        }

        throw new ChipFaultException(PartName, DeviceName, $"indirect register {register} access stayed pending (register 31 bit 0) for {IndirectPollLimit} reads");
    }

    // The only two methods that touch the bus. The ProSLIC frames every byte with its own chip select:
    // a write is [address] then [data], a read is [0x80 | address] then one byte clocked out (datasheet "Serial Interface").
    private byte ReadByteAt(byte address)
    {
        lock (_bus)
        {
            _frame[0] = (byte)(ReadFlag | address);
            _spi.Write(_frame);
            return _spi.ReadByte();
        }
    }

    private void WriteByteAt(byte address, byte value)
    {
        lock (_bus)
        {
            _frame[0] = (byte)(address & 0x7F);
            _spi.Write(_frame);
            _frame[0] = value;
            _spi.Write(_frame);
        }
    }
}
