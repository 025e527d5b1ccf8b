using System.Device.Gpio;
using FaxBox.LineInterface.Hardware.Boards;
using FaxBox.LineInterface.Hardware.Gpio;
using FaxBox.LineInterface.Hardware.Tests.Simulation;

namespace FaxBox.LineInterface.Hardware.Tests.Gpio;

public sealed class BoardGpioTests
{
    private readonly FakeGpioDriver _driver = new();
    private readonly ManualTimeProvider _time = new();

    private BoardGpio Create(BoardGpioSettings settings) => new(new GpioController(_driver), settings, _time);

    [Fact]
    public async Task Reset_pulse_goes_low_then_high()
    {
        using var gpio = new BoardGpio(new GpioController(_driver), new BoardGpioSettings(), new VirtualTimeProvider());

        await gpio.PulseResetAsync(17);

        Assert.Equal([(17, PinValue.Low), (17, PinValue.High)], _driver.WriteLog);
        Assert.Equal(PinMode.Output, _driver.ModeOf(17));
    }

    [Fact]
    public void Interrupt_line_calls_back_on_the_falling_edge_only()
    {
        using var gpio = Create(new BoardGpioSettings());
        var calls = 0;
        _driver.Drive(27, PinValue.High);
        gpio.WatchInterrupt(27, () => calls++);

        _driver.Drive(27, PinValue.Low);
        Assert.True(gpio.IsInterruptAsserted(27));
        _driver.Drive(27, PinValue.High);

        Assert.Equal(1, calls);
        Assert.False(gpio.IsInterruptAsserted(27));
    }

    [Theory]
    [InlineData(false, true, 1)]
    [InlineData(false, false, 0)]
    [InlineData(true, true, 0)]
    [InlineData(true, false, 1)]
    public void Status_led_honours_active_low(bool activeLow, bool on, int level)
    {
        using var gpio = Create(new BoardGpioSettings { StatusLedPin = 24, StatusLedActiveLow = activeLow });

        gpio.SetStatusLed(on);

        Assert.Equal(level == 1 ? PinValue.High : PinValue.Low, _driver.LevelOf(24));
    }

    [Fact]
    public void Factory_reset_needs_the_full_hold_time()
    {
        using var gpio = Create(new BoardGpioSettings { FactoryResetPin = 25, FactoryResetHold = TimeSpan.FromSeconds(10) });
        var requests = 0;
        gpio.FactoryResetRequested += (_, _) => requests++;

        _driver.Drive(25, PinValue.Low);       // pressed (active low, pull-up)
        _time.Advance(TimeSpan.FromSeconds(4));
        _driver.Drive(25, PinValue.High);      // released early
        _time.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(0, requests);

        _driver.Drive(25, PinValue.Low);
        _time.Advance(TimeSpan.FromSeconds(9.9));
        Assert.Equal(0, requests);
        _time.Advance(TimeSpan.FromSeconds(0.2));
        Assert.Equal(1, requests);
        Assert.True(gpio.IsFactoryResetPressed);
    }
}
