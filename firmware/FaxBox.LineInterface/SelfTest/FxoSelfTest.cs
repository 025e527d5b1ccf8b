namespace FaxBox.LineInterface.SelfTest;

/// <summary>
/// Self-test of an FXO port on an exchange line: seize, hear dial tone, dial one DTMF digit and hear the dial tone stop
/// (the exchange took the digit), hold the loop without a disconnect, release. Tick it after the port.
/// </summary>
public sealed class FxoSelfTest : PortSelfTest
{
    private static readonly TimeSpan Hold = TimeSpan.FromSeconds(2);
    private readonly IFxoPort _port;
    private readonly string _digit;
    private readonly TimeSpan _dialToneTimeout;
    private FxoDisconnect? _disconnect;
    private int _step;

    /// <summary>Creates the test; <paramref name="digit"/> is dialled to break dial tone (default "1").</summary>
    public FxoSelfTest(IFxoPort port, string digit = "1", TimeSpan? dialToneTimeout = null)
    {
        ArgumentNullException.ThrowIfNull(port);
        _port = port;
        _digit = digit;
        _dialToneTimeout = dialToneTimeout ?? TimeSpan.FromSeconds(5);
        _port.Disconnected += (_, d) => _disconnect = d;
    }

    protected override void Step()
    {
        switch (_step)
        {
            case 0:
                _port.Seize();
                NextStep();
                _step = 1;
                break;
            case 1 when _port.HeardTone == CallProgressTone.Dial:
                Found("dial tone", true, $"heard {Seconds(InStep)} after seizing ({_port.Region.Dial}), {_port.Polarity} polarity");
                _port.Dial(_digit, DialMethod.Dtmf);
                NextStep();
                _step = 2;
                break;
            case 1 when InStep >= _dialToneTimeout || _disconnect is not null:
                Found("dial tone", false, _disconnect is { } d ? $"the line cleared ({d.Reason}) after seizing: is it connected?" : $"none within {Seconds(_dialToneTimeout)} of seizing: is the line connected, is the region ({_port.Region.Code}) right?", _port.Release);
                break;
            case 2 when _port.HeardTone == CallProgressTone.None && !_port.IsDialling:
                Found("DTMF", true, $"the exchange stopped dial tone {Seconds(InStep)} after '{_digit}'");
                NextStep();
                _step = 3;
                break;
            case 2 when InStep >= TimeSpan.FromSeconds(3):
                Found("DTMF", false, $"dial tone still on 3 s after '{_digit}': the exchange did not take the digit", _port.Release);
                break;
            case 3 when InStep >= Hold:
                Found("loop", _disconnect is null, _disconnect is { } clear ? $"the line cleared while held ({clear.Reason})" : $"held {Seconds(Hold)} with no disconnect signal");
                _port.Release();
                Complete();
                break;
        }
    }
}
