using FaxBox.LineInterface.Hardware.Si3050;
using FaxBox.LineInterface.Hardware.Tests.Simulation;
using Driver = FaxBox.LineInterface.Hardware.Si3050.Si3050;

namespace FaxBox.LineInterface.Hardware.Tests.Si3050;

public sealed class Si3050Tests
{
    private readonly VirtualTimeProvider _time = new();

    private async Task<(Si3050Simulation Chip, Driver Driver)> InitializedAsync(string country = "US", bool billingTone = true)
    {
        var chip = new Si3050Simulation();
        var driver = new Driver(chip, new Si3050Options { Country = country, BillingToneProtection = billingTone }, _time, shouldDispose: false);
        await driver.InitializeAsync();
        return (chip, driver);
    }

    [Fact]
    public async Task Initialisation_programs_pcm_country_and_interrupts_and_links_the_line_side()
    {
        var (chip, driver) = await InitializedAsync();

        Assert.True(driver.IsInitialized);
        Assert.Equal(0x35, driver.Revision);                       // LSID 3, system side rev 5
        Assert.Equal(0x38, chip[Si3050Register.PcmMode]);          // PCME, 16-bit linear
        Assert.Equal(16, chip[Si3050Register.PcmTransmitStartLow]); // slot 1
        Assert.Equal(16, chip[Si3050Register.PcmReceiveStartLow]);
        Assert.Equal(0x00, chip[Si3050Register.DaaControl2]);      // line side powered
        Assert.Equal(0x83, chip[Si3050Register.Control2]);         // INTE, HBE, RXE
        Assert.Equal(0x04, chip[Si3050Register.InternationalControl2]); // BTE
        Assert.Equal((byte)(Si3050Interrupt.Ring | Si3050Interrupt.Polarity | Si3050Interrupt.DropOut | Si3050Interrupt.LineSideLost | Si3050Interrupt.BillingTone), chip[Si3050Register.InterruptMask]);
        Assert.False(chip.OffHook);
    }

    [Theory]
    [InlineData("US", 0x00, 0xC0, 0x0, 0x23)]
    [InlineData("UK", 0x00, 0xC2, 0x5, 0x2B)]
    [InlineData("DE", 0x00, 0xC2, 0x3, 0x2B)]
    [InlineData("FR", 0x00, 0xC2, 0x2, 0x2B)]
    [InlineData("IT", 0x00, 0xC2, 0x2, 0x2B)]
    [InlineData("NL", 0x00, 0xC2, 0x2, 0x2B)]
    [InlineData("AU", 0x40, 0x30, 0x3, 0x23)]
    [InlineData("JP", 0x00, 0x30, 0x0, 0x23)]
    public async Task Country_settings_land_in_registers_16_26_30_31(string country, byte reg16, byte reg26, byte reg30, byte reg31)
    {
        var (chip, _) = await InitializedAsync(country);

        Assert.Equal(
            (reg16, reg26, reg30, reg31),
            (chip[Si3050Register.InternationalControl1], chip[Si3050Register.DcTermination], chip[Si3050Register.AcTermination], chip[Si3050Register.DaaControl4]));
    }

    [Fact]
    public void Unknown_country_lists_the_supported_ones()
    {
        var error = Assert.Throws<ArgumentException>(() => new Driver(new Si3050Simulation(), new Si3050Options { Country = "XX" }));

        Assert.StartsWith("no Si3050 country settings for \"XX\" (have US, UK, DE, FR, IT, NL, AU, JP)", error.Message, StringComparison.Ordinal);
        Assert.Same(Si3050CountrySettings.For("UK"), Si3050CountrySettings.For("gb"));
    }

    [Fact]
    public async Task Absent_daa_is_named_with_bus_register_and_value()
    {
        using var driver = new Driver(new AbsentSpiDevice(0, 1), timeProvider: _time, shouldDispose: false);

        var error = await Assert.ThrowsAsync<ChipFaultException>(() => driver.InitializeAsync());

        Assert.Equal("no Si3050 answering on SPI0.1: read 0xFF from register 2", error.Message);
    }

    [Fact]
    public async Task Dead_line_side_fails_after_the_timeout()
    {
        var chip = new Si3050Simulation { LineSideDead = true };
        using var driver = new Driver(chip, timeProvider: _time, shouldDispose: false);

        var error = await Assert.ThrowsAsync<ChipFaultException>(() => driver.InitializeAsync());

        Assert.Equal("Si3050 on SPI0.1: the Si3019 line side did not link within 500 ms (register 11 = 0x05, LSID 0): check the isolation capacitors and the line-side supply", error.Message);
        Assert.InRange(_time.Elapsed, TimeSpan.FromMilliseconds(500), TimeSpan.FromMilliseconds(600));
    }

    [Fact]
    public async Task Ring_detect_raises_an_interrupt_that_service_clears()
    {
        var (chip, driver) = await InitializedAsync();

        chip.SetRinging(true);
        Assert.True(chip.InterruptAsserted);
        var events = driver.ServiceInterrupt();

        Assert.Equal(Si3050Interrupt.Ring, events.Pending);
        Assert.True(events.Control.Ringing);
        Assert.False(chip.InterruptAsserted);

        chip.SetRinging(false);
        Assert.False(driver.ReadControl().Ringing);
    }

    [Fact]
    public async Task Off_hook_reads_loop_current_and_polarity_reversal_shows_in_line_voltage()
    {
        var (chip, driver) = await InitializedAsync();

        driver.SetOffHook(true);
        chip.SetLine(loopMilliamps: 27.5, lineVolts: 8);
        Assert.True(chip.OffHook);
        Assert.Equal(27.5, driver.ReadLoopCurrentMilliamps(), 0);
        Assert.Equal(8, driver.ReadLineVolts());

        chip.SetLine(loopMilliamps: 27.5, lineVolts: -8);
        var events = driver.ServiceInterrupt();
        Assert.Equal(Si3050Interrupt.Polarity, events.Pending);
        Assert.Equal(-8, driver.ReadLineVolts());

        driver.SetOnHookMonitor(true);
        driver.SetOffHook(false);
        Assert.Equal(0x08, chip[Si3050Register.DaaControl1]); // ONHM only
    }

    [Fact]
    public async Task Billing_tone_protection_can_be_turned_off()
    {
        var (chip, _) = await InitializedAsync(billingTone: false);

        Assert.Equal(0x00, chip[Si3050Register.InternationalControl2]);
        Assert.Equal(0, chip[Si3050Register.InterruptMask] & (byte)Si3050Interrupt.BillingTone);
    }

    [Fact]
    public async Task Register_access_is_one_three_byte_frame()
    {
        var (chip, driver) = await InitializedAsync();
        chip.ClearFrames();

        driver.SetOffHook(true);
        var value = driver.ReadRegister(Si3050Register.Control2);

        Assert.Equal(0x83, value);
        Assert.Equal(["200501", "600200"], chip.Frames.Select(f => Convert.ToHexString(f.Mosi)));
        Assert.Equal(0x83, chip.Frames[1].Miso[2]);
    }

    [Fact]
    public void Daa_control_1_round_trips()
    {
        for (var b = 0; b < 256; b++)
        {
            var masked = (byte)(b & 0x6D);
            Assert.Equal(masked, Si3050DaaControl1.FromByte(masked).ToByte());
        }
    }
}
