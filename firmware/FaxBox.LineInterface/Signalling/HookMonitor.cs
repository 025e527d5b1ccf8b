using FaxBox.LineInterface.Ports;

namespace FaxBox.LineInterface.Signalling;

/// <summary>
/// Recognises hook signals from a loop-closure reading sampled once per tick: debounced off-hook, on-hook (a break
/// longer than the longest flash), hook flash, and decadic (pulse) digits — n breaks of at most
/// <see cref="FxsPortOptions.PulseBreakMaximum"/> make digit n (ten make 0), ended by a closure of at least
/// <see cref="FxsPortOptions.InterDigitMinimum"/>.
/// </summary>
internal sealed class HookMonitor
{
    private readonly int _offHookTicks;
    private readonly int _pulseBreakMax;
    private readonly int _interDigit;
    private readonly int _flashMin;
    private readonly int _flashMax;
    private int _closedRun;
    private int _openRun;
    private int _pulses;

    public HookMonitor(FxsPortOptions options)
    {
        _offHookTicks = Ticks.Of(options.OffHookDebounce, minimum: 1);
        _pulseBreakMax = Ticks.Of(options.PulseBreakMaximum, minimum: 1);
        _interDigit = Ticks.Of(options.InterDigitMinimum, minimum: 1);
        _flashMin = Ticks.Of(options.FlashMinimum, minimum: 1);
        _flashMax = Ticks.Of(options.FlashMaximum, minimum: 1);
    }

    /// <summary>The debounced state.</summary>
    public HookState State { get; private set; }

    /// <summary>On-hook with no loop closure being timed (nothing to debounce while the loop stays open).</summary>
    public bool IsSettledOnHook => State == HookState.OnHook && _closedRun == 0;

    /// <summary>Takes one tick's loop-closure reading and reports what it completed.</summary>
    public HookSignal Sample(bool loopClosed)
    {
        if (State == HookState.OnHook)
        {
            _closedRun = loopClosed ? _closedRun + 1 : 0;
            if (_closedRun >= _offHookTicks)
            {
                State = HookState.OffHook;
                _openRun = 0;
                _pulses = 0;
                return HookSignal.OffHook;
            }

            return HookSignal.None;
        }

        if (!loopClosed)
        {
            _openRun++;
            _closedRun = 0;
            if (_openRun > _flashMax)
            {
                State = HookState.OnHook;
                _openRun = 0;
                _pulses = 0;
                return HookSignal.OnHook;
            }

            return HookSignal.None;
        }

        // Loop closed while off-hook.
        var result = HookSignal.None;
        if (_openRun > 0)
        {
            if (_openRun <= _pulseBreakMax)
            {
                _pulses++;
            }
            else if (_openRun >= _flashMin)
            {
                _pulses = 0;
                result = HookSignal.Flash;
            }

            _openRun = 0;
        }

        _closedRun++;
        if (_pulses > 0 && _closedRun == _interDigit)
        {
            return HookSignal.PulseDigit;
        }

        return result;
    }

    /// <summary>Takes the digit completed by the last <see cref="HookSignal.PulseDigit"/>: '1'–'9', '0' for ten pulses, or null for more than ten.</summary>
    public char? TakePulseDigit()
    {
        var pulses = _pulses;
        _pulses = 0;
        return pulses switch
        {
            >= 1 and <= 9 => (char)('0' + pulses),
            10 => '0',
            _ => null,
        };
    }
}
