using FaxBox.LineInterface.Hardware.Si3215;
using FaxBox.LineInterface.Hardware.Tests.Simulation;
using Driver = FaxBox.LineInterface.Hardware.Si3215.Si3215;

namespace FaxBox.LineInterface.Hardware.Tests.Si3215;

public sealed class Si3215Tests
{
    private readonly VirtualTimeProvider _time = new();

    private Driver Create(SimulatedSpiDevice spi, Si3215Options? options = null) => new(spi, options, _time, shouldDispose: false);

    private async Task<(Si3215Simulation Chip, Driver Driver)> InitializedAsync(Si3215Variant variant = Si3215Variant.Si3215)
    {
        var chip = new Si3215Simulation(variant);
        var driver = Create(chip);
        await driver.InitializeAsync(variant);
        return (chip, driver);
    }

    [Fact]
    public async Task Initialisation_brings_the_line_to_forward_active_with_pcm_feed_and_ringing_programmed()
    {
        var (chip, driver) = await InitializedAsync();

        Assert.True(driver.IsInitialized);
        Assert.Equal((byte)5, driver.ChipId.Revision);
        Assert.Equal(Si3215Linefeed.ForwardActive, chip.Linefeed);
        Assert.Equal(0x00, chip[Si3215Register.Loopback]);                 // out of reset loopback
        Assert.Equal(0x00, chip[Si3215Register.PowerDown1]);               // DC-DC on
        Assert.Equal(46, chip[Si3215Register.BatteryHigh]);                // 69 V / 1.5 V
        Assert.Equal(16, chip[Si3215Register.BatteryLow]);                 // 24 V / 1.5 V
        Assert.Equal(0xB8, chip[Si3215Register.PcmMode]);                  // Si3215 id bit, PCME, 16-bit linear
        Assert.Equal(0x00, chip[Si3215Register.LoopCurrentLimit]);         // 20 mA
        Assert.Equal(32, chip[Si3215Register.OnHookVoltage]);              // 48 V / 1.5 V
        Assert.Equal(0xFF, chip[Si3215Register.InterruptEnable2]);         // loop closure, ring trip, power alarms
        Assert.Equal(0x7EFE, chip.Indirect(7));                            // RING_OSC, 20 Hz
        Assert.Equal(Si3215Ringing.Amplitude(20, 65), chip.Indirect(8));   // RING_X
        Assert.Equal(0x4000, chip.Indirect(13));                           // RECV_DIGITAL_GAIN 0 dB
        Assert.False(chip.InterruptAsserted);
    }

    [Fact]
    public async Task Initialisation_runs_dc_dc_calibration_and_both_analog_calibrations_in_datasheet_order()
    {
        var (chip, _) = await InitializedAsync();

        var sequence = chip.Writes
            .Where(w => w.Register is 14 or 93 or 96 or 97 || (w.Register == 64 && w.Value == 0))
            .Select(w => $"{w.Register}={w.Value:X2}")
            .ToArray();
        Assert.Equal(["93=19", "14=00", "93=99", "64=00", "97=1E", "96=47", "97=01", "96=40"], sequence);
    }

    [Fact]
    public async Task Si3210_gets_its_own_indirect_addresses()
    {
        var (chip, driver) = await InitializedAsync(Si3215Variant.Si3210);

        Assert.Equal(Si3215Variant.Si3210, driver.Variant);
        Assert.Equal(0x7EFE, chip.Indirect(20));          // RING_OSC is indirect 20 on the Si3210
        Assert.Equal(0x0C00, chip.Indirect(41));          // DCDC_MIN_V
        Assert.Equal(0x1000, chip.Indirect(43));          // LOOP_CLOSE_THRESH_LOW
        Assert.Equal(0x38, chip[Si3215Register.PcmMode]); // no Si3215 id bit
        Assert.DoesNotContain(chip.IndirectWrites, w => w.Address == 7);
    }

    [Fact]
    public async Task Absent_chip_is_named_with_bus_register_and_value()
    {
        using var driver = Create(new AbsentSpiDevice(busId: 0, chipSelectLine: 0));

        var error = await Assert.ThrowsAsync<ChipFaultException>(() => driver.InitializeAsync(Si3215Variant.Si3215));

        Assert.Equal("no Si3215 answering on SPI0.0: read 0xFF from register 0", error.Message);
    }

    [Fact]
    public async Task Bus_held_low_is_absent_too()
    {
        using var driver = Create(new AbsentSpiDevice(busId: 0, chipSelectLine: 1, floatingValue: 0x00));

        var error = await Assert.ThrowsAsync<ChipFaultException>(() => driver.InitializeAsync(Si3215Variant.Si3210));

        Assert.Equal("no Si3210 answering on SPI0.1: read 0x00 from register 0", error.Message);
    }

    [Fact]
    public async Task Wrong_part_on_the_bus_says_which_part_was_found()
    {
        using var driver = Create(new Si3215Simulation(Si3215Variant.Si3210));

        var error = await Assert.ThrowsAsync<ChipFaultException>(() => driver.InitializeAsync(Si3215Variant.Si3215));

        Assert.Equal("Si3215 on SPI0.0: the board file names an Si3215 but the chip reports an Si3210 (register 1 bit 7 = 0)", error.Message);
    }

    [Fact]
    public async Task Calibration_that_never_finishes_fails_after_the_timeout_in_virtual_time()
    {
        var chip = new Si3215Simulation { CalibrationHangs = true };
        using var driver = Create(chip);

        var error = await Assert.ThrowsAsync<ChipFaultException>(() => driver.InitializeAsync(Si3215Variant.Si3215));

        Assert.Equal("Si3215 on SPI0.0: offset and gain calibration did not finish within 2000 ms (register 96 still reads 0x47)", error.Message);
        Assert.InRange(_time.Elapsed, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(3));
        Assert.False(driver.IsInitialized);
    }

    [Fact]
    public async Task Common_mode_balance_failure_is_reported()
    {
        using var driver = Create(new Si3215Simulation { CommonModeBalanceFails = true });

        var error = await Assert.ThrowsAsync<ChipFaultException>(() => driver.InitializeAsync(Si3215Variant.Si3215));

        Assert.StartsWith("Si3215 on SPI0.0: common-mode balance calibration failed (register 20 = 0x04", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dc_dc_converter_that_cannot_make_the_battery_is_reported_with_the_voltage_reached()
    {
        using var driver = Create(new Si3215Simulation { BatteryLimitVolts = 12 });

        var error = await Assert.ThrowsAsync<ChipFaultException>(() => driver.InitializeAsync(Si3215Variant.Si3215));

        Assert.StartsWith("Si3215 on SPI0.0: DC-DC converter: VBATH reached 12.0 V of 69.0 V within 1000 ms", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Off_hook_and_on_hook_raise_loop_closure_interrupts()
    {
        var (chip, driver) = await InitializedAsync();

        chip.SetHook(offHook: true);
        Assert.True(chip.InterruptAsserted);
        var off = driver.ServiceInterrupt();
        Assert.True(off.HookChanged);
        Assert.Equal(Si3215Interrupt2.LoopClosure, off.Pending);
        Assert.True(off.Loop.LoopClosed);
        Assert.False(chip.InterruptAsserted);

        chip.SetHook(offHook: false);
        var on = driver.ServiceInterrupt();
        Assert.Equal(Si3215Interrupt2.LoopClosure, on.Pending);
        Assert.False(on.Loop.LoopClosed);
        Assert.False(on.PowerAlarm);
    }

    [Fact]
    public async Task Answering_during_ringing_is_a_ring_trip_and_the_chip_leaves_ringing()
    {
        var (chip, driver) = await InitializedAsync();
        driver.ConfigureRinging(25, 60);
        driver.SetLinefeed(Si3215Linefeed.Ringing);
        Assert.Equal(Si3215Linefeed.Ringing, driver.ReadLinefeed().Actual);
        Assert.Equal(0x7E6D, chip.Indirect(7)); // 25 Hz (DAHDI's TBR21 table truncates the same value to 0x7E6C)

        chip.SetHook(offHook: true);
        var events = driver.ServiceInterrupt();

        Assert.Equal(Si3215Interrupt2.RingTrip | Si3215Interrupt2.LoopClosure, events.Pending);
        Assert.True(events.Loop.LoopClosed);
        Assert.Equal(Si3215Linefeed.ForwardActive, events.Linefeed);
    }

    [Fact]
    public async Task Ringing_above_the_battery_is_refused()
    {
        var (_, driver) = await InitializedAsync();

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => driver.ConfigureRinging(20, 80));

        Assert.Contains("below VBATH (69 V)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Register_access_is_byte_framed_on_the_wire()
    {
        var (chip, driver) = await InitializedAsync();
        chip.ClearFrames();

        driver.WriteRegister(Si3215Register.Linefeed, 0x05);
        var value = driver.ReadRegister(Si3215Register.Hybrid);

        Assert.Equal(0x33, value);
        Assert.Equal(["40", "05", "8B", "00"], chip.Frames.Select(f => Convert.ToHexString(f.Mosi)));
        Assert.Equal(0x33, chip.Frames[3].Miso[0]);
    }

    [Fact]
    public async Task Indirect_write_and_read_are_byte_exact()
    {
        var (chip, driver) = await InitializedAsync();
        chip.ClearFrames();

        driver.WriteIndirect(Si3215IndirectRegister.RingTripThreshold, 0x1234);
        var readBack = driver.ReadIndirect(Si3215IndirectRegister.RingTripThreshold);

        Assert.Equal(0x1234, readBack);
        Assert.Equal(
            [
                "9F", "00", "9F", "00", // IAS: still busy from bring-up's last indirect write, then idle
                "1C", "34", "1D", "12", // IDA low, IDA high
                "1E", "10",             // IAA = 16 starts the write
                "9F", "00",             // IAS: busy once
                "9F", "00",             // IAS: idle
                "1E", "10",             // IAA = 16 starts the read
                "9F", "00", "9F", "00", // busy, idle
                "9C", "00", "9D", "00", // IDA low, IDA high
            ],
            chip.Frames.Select(f => Convert.ToHexString(f.Mosi)));
        Assert.Equal([0x01, 0x00], new[] { chip.Frames[11].Miso[0], chip.Frames[13].Miso[0] });
    }

    [Fact]
    public void Shoulddispose_decides_who_disposes_the_bus()
    {
        var kept = new Si3215Simulation();
        new Driver(kept, shouldDispose: false).Dispose();
        Assert.False(kept.Disposed);

        var owned = new Si3215Simulation();
        new Driver(owned).Dispose();
        Assert.True(owned.Disposed);
    }

    [Fact]
    public void Options_out_of_range_name_the_option()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new Driver(new Si3215Simulation(), new Si3215Options { LoopCurrentLimitMilliamps = 25 }));

        Assert.Equal("Si3215Options.LoopCurrentLimitMilliamps must be 20, 23, 26 … 41 mA (Parameter 'LoopCurrentLimitMilliamps')", error.Message);
    }
}
