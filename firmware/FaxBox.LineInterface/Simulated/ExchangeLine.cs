using FaxBox.Core;
using FaxBox.Fax.CallerId;
using FaxBox.LineInterface.Ports;
using FaxBox.LineInterface.Signalling;

namespace FaxBox.LineInterface.Simulated;

/// <summary>One subscriber line of the virtual exchange: a loop, the exchange's line card (an <see cref="FxsPort"/>) and the call state.</summary>
public sealed class ExchangeLine : ILineAudio
{
    private readonly VirtualExchange _exchange;
    private readonly short[] _heard = new short[AudioFrame.Samples];
    private readonly System.Text.StringBuilder _digits = new();
    private int _idleDigitTicks;
    private int _openLoopTicks;

    internal ExchangeLine(VirtualExchange exchange, string number, SimulatedLoop loop, FxsPort port)
    {
        _exchange = exchange;
        Number = number;
        Loop = loop;
        Port = port;
        port.Audio = this;
        port.HookChanged += (_, h) => OnHook(h.State);
        port.DigitReceived += (_, d) => OnDigit(d.Digit);
    }

    /// <summary>The directory number.</summary>
    public string Number { get; }

    /// <summary>The loop; plug a port or a virtual terminal into <see cref="SimulatedLoop.Subscriber"/>.</summary>
    public SimulatedLoop Loop { get; }

    /// <summary>The exchange's line card for this loop.</summary>
    public FxsPort Port { get; }

    /// <summary>The call state.</summary>
    public ExchangeLineState State { get; private set; }

    /// <summary>The digits collected in the current call.</summary>
    public string Dialled { get; private set; } = string.Empty;

    internal ExchangeLine? Peer { get; private set; }

    public void Exchange(ReadOnlySpan<short> fromLine, Span<short> toLine)
    {
        fromLine.CopyTo(_heard);
        if (State == ExchangeLineState.Connected && Peer is { } peer)
        {
            peer._heard.CopyTo(toLine);
        }
    }

    internal void Tick()
    {
        if (_openLoopTicks > 0 && --_openLoopTicks == 0)
        {
            Port.SetBattery(true);
        }

        if (State == ExchangeLineState.Dialling && _digits.Length > 0 && --_idleDigitTicks == 0)
        {
            Route();
        }
    }

    internal void Alert(ExchangeLine caller)
    {
        Peer = caller;
        State = ExchangeLineState.Alerting;
        Port.Ring(_exchange.Options.PresentCallerId ? new CallerIdMessage(caller.Number) : new CallerIdMessage(null, NumberAbsence: 'P'));
    }

    internal void PeerAnswered()
    {
        State = ExchangeLineState.Connected;
        Port.PlayTone(CallProgressTone.None);
        if (_exchange.Options.ReverseOnAnswer)
        {
            Port.SetPolarity(LinePolarity.Reverse);
        }
    }

    internal void PeerCleared()
    {
        Peer = null;
        if (State == ExchangeLineState.Alerting)
        {
            Port.StopRinging();
            State = ExchangeLineState.Idle;
            return;
        }

        State = ExchangeLineState.Parked;
        switch (_exchange.Options.DisconnectSignal)
        {
            case ExchangeDisconnectSignal.LoopCurrentDrop:
                Port.SetBattery(false);
                _openLoopTicks = Ticks.Of(_exchange.Options.OpenLoopDuration, minimum: 1);
                break;
            case ExchangeDisconnectSignal.PolarityReversal:
                Port.SetPolarity(Port.Polarity == LinePolarity.Forward ? LinePolarity.Reverse : LinePolarity.Forward);
                break;
            default:
                Port.PlayTone(CallProgressTone.Busy);
                break;
        }
    }

    private void OnHook(HookState hook)
    {
        if (hook == HookState.OffHook)
        {
            if (State == ExchangeLineState.Alerting && Peer is { } caller)
            {
                VirtualExchange.LogAnswered(_exchange.Logger, Number, caller.Number);
                State = ExchangeLineState.Connected;
                caller.PeerAnswered();
                return;
            }

            State = ExchangeLineState.Dialling;
            _digits.Clear();
            Dialled = string.Empty;
            Port.PlayTone(CallProgressTone.Dial);
            return;
        }

        if (Peer is { } peer)
        {
            VirtualExchange.LogCleared(_exchange.Logger, Number, peer.Number, _exchange.Options.DisconnectSignal);
        }

        Peer?.PeerCleared();
        Peer = null;
        State = ExchangeLineState.Idle;
        Port.PlayTone(CallProgressTone.None);
        Port.SetPolarity(LinePolarity.Forward);
    }

    private void OnDigit(char digit)
    {
        if (State != ExchangeLineState.Dialling)
        {
            return;
        }

        _digits.Append(digit);
        Dialled = _digits.ToString();
        _idleDigitTicks = Ticks.Of(_exchange.Options.InterDigitTimeout, minimum: 1);
        if (_exchange.Find(Dialled) is not null || Dialled.Length >= _exchange.LongestNumber)
        {
            Route();
        }
    }

    private void Route()
    {
        var target = _exchange.Find(Dialled);
        if (target is null)
        {
            Park(_exchange.Options.UnknownNumberTone);
        }
        else if (target == this || target.State != ExchangeLineState.Idle || target.Loop.SubscriberOffHook)
        {
            Park(CallProgressTone.Busy);
        }
        else
        {
            VirtualExchange.LogRouted(_exchange.Logger, Number, target.Number);
            Peer = target;
            State = ExchangeLineState.Calling;
            Port.PlayTone(CallProgressTone.Ringback);
            target.Alert(this);
        }
    }

    private void Park(CallProgressTone tone)
    {
        VirtualExchange.LogRefused(_exchange.Logger, Number, Dialled, tone);
        State = ExchangeLineState.Parked;
        Port.PlayTone(tone);
    }
}
