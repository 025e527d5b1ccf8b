using FaxBox.Fax.Tones;

namespace FaxBox.LineInterface.Signalling;

/// <summary>
/// Dials a queue of digits per 20 ms tick: DTMF through the fax engine's generator (its Q.23 tone and pause times), pulse
/// digits as loop breaks, ',' as a pause. Used by the FXO port and the simulator's virtual terminals.
/// </summary>
internal sealed class Dialler : IDisposable
{
    private static readonly string[] DigitStrings = ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9"];
    private static readonly string[] LetterStrings = ["A", "B", "C", "D"];
    private readonly IDtmfGenerator _dtmf;
    private readonly Queue<(char Digit, DialMethod Method)> _queue = new();
    private readonly int _break;
    private readonly int _make;
    private readonly int _interDigit;
    private readonly int _pause;
    private int _pulsesLeft;
    private int _stepTicks;
    private bool _inBreak;
    private int _waitTicks;
    private bool _lastWasPulse;

    public Dialler(IDtmfGenerator dtmf, DialTiming timing)
    {
        _dtmf = dtmf;
        _break = Ticks.Of(timing.PulseBreak, minimum: 1);
        _make = Ticks.Of(timing.PulseMake, minimum: 1);
        _interDigit = Ticks.Of(timing.InterDigitPause, minimum: 1);
        _pause = Ticks.Of(timing.Pause, minimum: 1);
    }

    /// <summary>True when nothing is left to dial.</summary>
    public bool IsIdle => _queue.Count == 0 && _pulsesLeft == 0 && _waitTicks == 0 && _dtmf.IsIdle;

    /// <summary>True while pulse dialling is in progress (the loop breaks are the dialler's, not the exchange's).</summary>
    public bool IsPulsing => _pulsesLeft > 0 || (_waitTicks > 0 && _lastWasPulse);

    /// <summary>Checks and queues digits; throws <see cref="ArgumentException"/> naming the first invalid character.</summary>
    public void Enqueue(string digits, DialMethod method)
    {
        ArgumentNullException.ThrowIfNull(digits);
        for (var i = 0; i < digits.Length; i++)
        {
            var c = digits[i];
            var valid = c == ',' || char.IsAsciiDigit(c) || (method == DialMethod.Dtmf && "*#ABCD".Contains(c, StringComparison.Ordinal));
            if (!valid)
            {
                throw new ArgumentException($"cannot {(method == DialMethod.Pulse ? "pulse-dial" : "dial")} '{c}' at position {i} of \"{digits}\"", nameof(digits));
            }
        }

        foreach (var c in digits)
        {
            _queue.Enqueue((c, method));
        }
    }

    /// <summary>Drops everything queued.</summary>
    public void Clear()
    {
        _queue.Clear();
        _pulsesLeft = 0;
        _waitTicks = 0;
        _inBreak = false;
        Span<short> scratch = stackalloc short[Core.AudioFrame.Samples];
        for (var i = 0; i < 500 && !_dtmf.IsIdle; i++)
        {
            _dtmf.Generate(scratch);
        }
    }

    /// <summary>Advances one tick: writes DTMF into <paramref name="frame"/> when sending tones; returns false while the loop must be broken (a pulse).</summary>
    public bool Tick(Span<short> frame)
    {
        if (!_dtmf.IsIdle)
        {
            _dtmf.Generate(frame);
            return true;
        }

        if (_pulsesLeft > 0)
        {
            return StepPulse();
        }

        if (_waitTicks > 0)
        {
            _waitTicks--;
            return true;
        }

        if (!_queue.TryDequeue(out var next))
        {
            return true;
        }

        _lastWasPulse = next.Method == DialMethod.Pulse && next.Digit != ',';
        if (next.Digit == ',')
        {
            _waitTicks = _pause - 1;
            return true;
        }

        if (next.Method == DialMethod.Dtmf)
        {
            _dtmf.Enqueue(DigitString(next.Digit));
            _dtmf.Generate(frame);
            return true;
        }

        _pulsesLeft = next.Digit == '0' ? 10 : next.Digit - '0';
        _inBreak = true;
        _stepTicks = _break;
        return StepPulse();
    }

    public void Dispose() => _dtmf.Dispose();

    private static string DigitString(char digit) => digit switch
    {
        '*' => "*",
        '#' => "#",
        >= 'A' and <= 'D' => LetterStrings[digit - 'A'],
        _ => DigitStrings[digit - '0'],
    };

    private bool StepPulse()
    {
        var closed = !_inBreak;
        if (--_stepTicks > 0)
        {
            return closed;
        }

        if (_inBreak)
        {
            _inBreak = false;
            _pulsesLeft--;
            _stepTicks = _pulsesLeft > 0 ? _make : 0;
            if (_pulsesLeft == 0)
            {
                _waitTicks = _interDigit;
            }
        }
        else
        {
            _inBreak = true;
            _stepTicks = _break;
        }

        return closed;
    }
}
