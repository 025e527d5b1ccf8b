using FaxBox.Fax.CallerId;

namespace FaxBox.LineInterface.SelfTest;

/// <summary>
/// Self-test of an FXS port with a telephone or fax machine on it: the line is idle, the phone rings (with caller ID
/// "0123456789") and is answered, dial tone plays, and the digits dialled come back. On hardware a person answers and
/// dials; on the simulator board a virtual phone does. Tick it after the port.
/// </summary>
public sealed class FxsSelfTest : PortSelfTest
{
    private readonly IFxsPort _port;
    private readonly TimeSpan _answerTimeout;
    private readonly TimeSpan _digitTimeout;
    private readonly System.Text.StringBuilder _digits = new();
    private DialMethod? _method;
    private TimeSpan _lastDigit;
    private int _step;

    /// <summary>Creates the test; nothing happens until it is ticked.</summary>
    public FxsSelfTest(IFxsPort port, TimeSpan? answerTimeout = null, TimeSpan? digitTimeout = null)
    {
        ArgumentNullException.ThrowIfNull(port);
        _port = port;
        _answerTimeout = answerTimeout ?? TimeSpan.FromSeconds(30);
        _digitTimeout = digitTimeout ?? TimeSpan.FromSeconds(20);
        _port.DigitReceived += (_, d) =>
        {
            _digits.Append(d.Digit);
            _method = d.Method;
            _lastDigit = InStep;
        };
    }

    /// <summary>The digits the port reported.</summary>
    public string Digits => _digits.ToString();

    protected override void Step()
    {
        switch (_step)
        {
            case 0:
                if (_port.Hook == HookState.OffHook)
                {
                    Found("idle", false, "the terminal is off-hook; hang it up and run the test again");
                    return;
                }

                Found("idle", true, $"on-hook, battery {(_port.BatteryFed ? "fed" : "off")}, {_port.Polarity} polarity, region {_port.Region.Code}");
                _port.Ring(new CallerIdMessage("0123456789"));
                NextStep();
                _step = 1;
                break;
            case 1 when _port.Hook == HookState.OffHook:
                Found("ring", true, $"answered after {Seconds(InStep)} ({_port.Region.Ring.Cadence} at {_port.Region.Ring.FrequencyHz} Hz, caller ID {_port.Region.CallerId.Standard} {_port.Region.CallerId.Alerting})");
                _port.PlayTone(CallProgressTone.Dial);
                _digits.Clear();
                NextStep();
                _step = 2;
                break;
            case 1 when InStep >= _answerTimeout:
                Found("ring", false, $"nobody answered within {Seconds(_answerTimeout)}", _port.StopRinging);
                break;
            case 2 when _digits.Length > 0 && InStep - _lastDigit >= TimeSpan.FromSeconds(2):
                Found("dial tone", _port.Tone == CallProgressTone.None, _port.Tone == CallProgressTone.None ? "played, and stopped at the first digit" : "still playing after the digits");
                Found("digits", true, $"\"{_digits}\" by {_method}");
                Finish();
                break;
            case 2 when InStep >= _digitTimeout:
                Found("digits", false, $"no digit within {Seconds(_digitTimeout)} of dial tone", Finish);
                break;
        }
    }

    private void Finish()
    {
        _port.PlayTone(CallProgressTone.None);
        Complete();
    }
}
