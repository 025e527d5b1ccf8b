using System.Device.Gpio;

namespace FaxBox.LineInterface.Hardware.Tests.Simulation;

/// <summary>A GPIO chip in memory: pin levels, modes, a write log and edge callbacks fired by <see cref="Drive"/>.</summary>
public sealed class FakeGpioDriver : GpioDriver
{
    private readonly Dictionary<int, PinValue> _levels = [];
    private readonly Dictionary<int, PinMode> _modes = [];
    private readonly List<(int Pin, PinEventTypes Types, PinChangeEventHandler Handler)> _callbacks = [];

    public List<(int Pin, PinValue Value)> WriteLog { get; } = [];

    public PinMode ModeOf(int pin) => _modes[pin];

    public PinValue LevelOf(int pin) => _levels.GetValueOrDefault(pin, PinValue.Low);

    /// <summary>The outside world drives an input pin; matching edge callbacks run synchronously.</summary>
    public void Drive(int pin, PinValue value)
    {
        var old = LevelOf(pin);
        _levels[pin] = value;
        if (old == value)
        {
            return;
        }

        var edge = value == PinValue.High ? PinEventTypes.Rising : PinEventTypes.Falling;
        foreach (var (p, types, handler) in _callbacks.ToArray())
        {
            if (p == pin && (types & edge) != 0)
            {
                handler(this, new PinValueChangedEventArgs(edge, pin));
            }
        }
    }

    protected override int PinCount => 54;

    protected override void OpenPin(int pinNumber) => _modes[pinNumber] = PinMode.Input;

    protected override void ClosePin(int pinNumber) => _modes.Remove(pinNumber);

    protected override void SetPinMode(int pinNumber, PinMode mode)
    {
        _modes[pinNumber] = mode;
        if (mode == PinMode.InputPullUp)
        {
            _levels[pinNumber] = PinValue.High;
        }
    }

    protected override PinMode GetPinMode(int pinNumber) => _modes[pinNumber];

    protected override bool IsPinModeSupported(int pinNumber, PinMode mode) => true;

    protected override PinValue Read(int pinNumber) => LevelOf(pinNumber);

    protected override void Write(int pinNumber, PinValue value)
    {
        _levels[pinNumber] = value;
        WriteLog.Add((pinNumber, value));
    }

    protected override WaitForEventResult WaitForEvent(int pinNumber, PinEventTypes eventTypes, CancellationToken cancellationToken)
        => throw new NotSupportedException("the fake raises callbacks only");

    protected override void AddCallbackForPinValueChangedEvent(int pinNumber, PinEventTypes eventTypes, PinChangeEventHandler callback)
        => _callbacks.Add((pinNumber, eventTypes, callback));

    protected override void RemoveCallbackForPinValueChangedEvent(int pinNumber, PinChangeEventHandler callback)
        => _callbacks.RemoveAll(c => c.Pin == pinNumber && c.Handler == callback);
}
