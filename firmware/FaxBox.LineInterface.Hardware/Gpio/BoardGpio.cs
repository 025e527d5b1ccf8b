using System.Device.Gpio;
using System.Device.Gpio.Drivers;
using FaxBox.LineInterface.Hardware.Boards;

namespace FaxBox.LineInterface.Hardware.Gpio;

/// <summary>
/// The board's GPIO lines through System.Device.Gpio: chip reset pulses, chip INT lines (falling edge, open drain with
/// external pull-ups), the status LED and the factory-reset button (held for <see cref="BoardGpioSettings.FactoryResetHold"/>).
/// </summary>
public sealed class BoardGpio : IDisposable
{
    /// <summary>RESET low time. Both chips need far less (the datasheets give sub-microsecond to 100 µs minimums); 1 ms is safe.</summary>
    public static readonly TimeSpan ResetLowTime = TimeSpan.FromMilliseconds(1);

    /// <summary>Wait after RESET rises before the first SPI access.</summary>
    public static readonly TimeSpan ResetRecoveryTime = TimeSpan.FromMilliseconds(1);

    private readonly GpioController _gpio;
    private readonly BoardGpioSettings _settings;
    private readonly TimeProvider _time;
    private readonly bool _shouldDispose;
    private readonly List<(int Pin, PinChangeEventHandler Handler)> _callbacks = [];
    private ITimer? _holdTimer;

    /// <summary>Wraps a controller; opens the LED and button lines the settings name.</summary>
    public BoardGpio(GpioController controller, BoardGpioSettings? settings, TimeProvider? timeProvider = null, bool shouldDispose = true)
    {
        _gpio = controller ?? throw new ArgumentNullException(nameof(controller));
        _settings = settings ?? new BoardGpioSettings();
        _time = timeProvider ?? TimeProvider.System;
        _shouldDispose = shouldDispose;
        if (_settings.StatusLedPin is { } led)
        {
            _gpio.OpenPin(led, PinMode.Output, _settings.StatusLedActiveLow ? PinValue.High : PinValue.Low);
        }

        if (_settings.FactoryResetPin is { } button)
        {
            _gpio.OpenPin(button, _settings.FactoryResetActiveLow ? PinMode.InputPullUp : PinMode.InputPullDown);
            PinChangeEventHandler handler = (_, e) => OnButtonEdge(e.ChangeType);
            _gpio.RegisterCallbackForPinValueChangedEvent(button, PinEventTypes.Falling | PinEventTypes.Rising, handler);
            _callbacks.Add((button, handler));
        }
    }

    /// <summary>Opens the board's gpiochip through libgpiod.</summary>
    public static BoardGpio Open(BoardGpioSettings? settings, TimeProvider? timeProvider = null)
        => new(new GpioController(new LibGpiodDriver((settings ?? new BoardGpioSettings()).Chip)), settings, timeProvider);

    /// <summary>Raised once when the factory-reset button has been held for the configured time.</summary>
    public event EventHandler? FactoryResetRequested;

    /// <summary>Pulses a chip's active-low RESET: low for <see cref="ResetLowTime"/>, then high, then waits <see cref="ResetRecoveryTime"/>.</summary>
    public async Task PulseResetAsync(int pin, CancellationToken cancellationToken = default)
    {
        if (_gpio.IsPinOpen(pin))
        {
            _gpio.Write(pin, PinValue.Low);
        }
        else
        {
            _gpio.OpenPin(pin, PinMode.Output, PinValue.Low);
        }

        await Task.Delay(ResetLowTime, _time, cancellationToken).ConfigureAwait(false);
        _gpio.Write(pin, PinValue.High);
        await Task.Delay(ResetRecoveryTime, _time, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Calls <paramref name="onAsserted"/> on each falling edge of an active-low INT line (several chips may share one).</summary>
    public void WatchInterrupt(int pin, Action onAsserted)
    {
        ArgumentNullException.ThrowIfNull(onAsserted);
        if (!_gpio.IsPinOpen(pin))
        {
            _gpio.OpenPin(pin, PinMode.Input);
        }

        PinChangeEventHandler handler = (_, _) => onAsserted();
        _gpio.RegisterCallbackForPinValueChangedEvent(pin, PinEventTypes.Falling, handler);
        _callbacks.Add((pin, handler));
    }

    /// <summary>True while an INT line is low.</summary>
    public bool IsInterruptAsserted(int pin) => _gpio.Read(pin) == PinValue.Low;

    /// <summary>Switches the status LED (no-op on a board without one).</summary>
    public void SetStatusLed(bool on)
    {
        if (_settings.StatusLedPin is { } led)
        {
            _gpio.Write(led, on ^ _settings.StatusLedActiveLow ? PinValue.High : PinValue.Low);
        }
    }

    /// <summary>True while the factory-reset button is pressed.</summary>
    public bool IsFactoryResetPressed
        => _settings.FactoryResetPin is { } button && (_gpio.Read(button) == PinValue.Low) == _settings.FactoryResetActiveLow;

    /// <inheritdoc/>
    public void Dispose()
    {
        _holdTimer?.Dispose();
        foreach (var (pin, handler) in _callbacks)
        {
            _gpio.UnregisterCallbackForPinValueChangedEvent(pin, handler);
        }

        if (_shouldDispose)
        {
            _gpio.Dispose();
        }
    }

    private void OnButtonEdge(PinEventTypes edge)
    {
        var pressed = (edge == PinEventTypes.Falling) == _settings.FactoryResetActiveLow;
        var previous = Interlocked.Exchange(ref _holdTimer, pressed ? _time.CreateTimer(_ => OnHoldElapsed(), null, _settings.FactoryResetHold, Timeout.InfiniteTimeSpan) : null);
        previous?.Dispose();
    }

    private void OnHoldElapsed()
    {
        if (IsFactoryResetPressed)
        {
            FactoryResetRequested?.Invoke(this, EventArgs.Empty);
        }
    }
}
