using FaxBox.Core;
using FaxBox.LineInterface.Ports;

namespace FaxBox.LineInterface.Simulated;

/// <summary>
/// An in-memory analog loop between an exchange end (<see cref="Exchange"/>, what an FXS port or the virtual exchange
/// drives) and a subscriber end (<see cref="Subscriber"/>, what an FXO port or a virtual terminal uses). It models the
/// DC state (battery polarity, loop current, ringing voltage, ring trip) from the linefeed and the hook, and carries audio
/// both ways through a <see cref="LineModelOptions"/> impairment model with one frame of latency each way.
/// Tick it once per media tick, after the ends have written their frames (order among loops does not matter).
/// </summary>
public sealed class SimulatedLoop : IMediaTickHandler
{
    /// <summary>Open-circuit battery on an idle loop, volts.</summary>
    public const double IdleVolts = 48;

    /// <summary>TIP-RING voltage with the terminal off-hook, volts.</summary>
    public const double OffHookVolts = 8;

    /// <summary>Loop current with the terminal off-hook, milliamperes (a constant-current feed).</summary>
    public const double OffHookMilliamps = 25;

    private readonly short[] _fromExchange = new short[AudioFrame.Samples];
    private readonly short[] _fromSubscriber = new short[AudioFrame.Samples];
    private readonly short[] _toExchange = new short[AudioFrame.Samples];
    private readonly short[] _toSubscriber = new short[AudioFrame.Samples];
    private readonly LineChannel _down;
    private readonly LineChannel _up;
    private readonly EchoPath? _exchangeEcho;
    private readonly EchoPath? _subscriberEcho;

    /// <summary>Creates an idle loop.</summary>
    /// <param name="name">A name for diagnostics.</param>
    /// <param name="model">Impairments; default a clean line.</param>
    public SimulatedLoop(string name, LineModelOptions? model = null)
    {
        Name = name;
        Model = model ?? new LineModelOptions();
        _down = new LineChannel(Model, -Model.ClockOffsetPpm, Model.Seed);
        _up = new LineChannel(Model, Model.ClockOffsetPpm, Model.Seed * 7919);
        if (Model.EchoReturnLossDb is { } erl)
        {
            _exchangeEcho = new EchoPath(erl, Model.EchoDelayMilliseconds);
            _subscriberEcho = new EchoPath(erl, Model.EchoDelayMilliseconds);
        }

        Exchange = new SimulatedFxsHardware(this);
        Subscriber = new SimulatedFxoHardware(this);
    }

    /// <summary>The loop's name.</summary>
    public string Name { get; }

    /// <summary>The impairments.</summary>
    public LineModelOptions Model { get; }

    /// <summary>The exchange end: an FXS port's hardware.</summary>
    public SimulatedFxsHardware Exchange { get; }

    /// <summary>The subscriber end: an FXO port's hardware, or a virtual terminal's line.</summary>
    public SimulatedFxoHardware Subscriber { get; }

    /// <summary>The linefeed the exchange end applies.</summary>
    public FxsLinefeed Linefeed { get; internal set; } = FxsLinefeed.ForwardActive;

    /// <summary>Whether the subscriber end holds the loop closed.</summary>
    public bool SubscriberOffHook { get; internal set; }

    /// <summary>Frames slipped by the clock-offset model, both directions.</summary>
    public int ClockSlips => _down.Slips + _up.Slips;

    internal bool HasBattery => Linefeed != FxsLinefeed.Open;

    internal bool IsLoopClosed => SubscriberOffHook && HasBattery;

    internal bool IsRinging => Linefeed == FxsLinefeed.Ringing && !SubscriberOffHook;

    internal double LoopCurrentMilliamps => IsLoopClosed ? OffHookMilliamps : 0;

    internal double LineVolts
    {
        get
        {
            var magnitude = SubscriberOffHook ? OffHookVolts : IdleVolts;
            return Linefeed switch
            {
                FxsLinefeed.Open => 0,
                FxsLinefeed.ReverseActive or FxsLinefeed.ReverseOnHookTransmission => -magnitude,
                _ => magnitude,
            };
        }
    }

    private bool DownstreamAudio => Linefeed switch
    {
        FxsLinefeed.ForwardOnHookTransmission or FxsLinefeed.ReverseOnHookTransmission => true,
        FxsLinefeed.ForwardActive or FxsLinefeed.ReverseActive => SubscriberOffHook,
        _ => false,
    };

    private bool UpstreamAudio => SubscriberOffHook && Linefeed is not (FxsLinefeed.Open or FxsLinefeed.Ringing);

    /// <summary>Moves one frame each way through the line model.</summary>
    public void OnTick(in MediaTick tick)
    {
        Transfer(_fromExchange, _toSubscriber, _down, DownstreamAudio);
        Transfer(_fromSubscriber, _toExchange, _up, UpstreamAudio);
        _exchangeEcho?.Add(_fromExchange, _toExchange);
        _subscriberEcho?.Add(_fromSubscriber, _toSubscriber);
        Array.Clear(_fromExchange);
        Array.Clear(_fromSubscriber);
    }

    internal void WriteFromExchange(ReadOnlySpan<short> frame) => Copy(frame, _fromExchange);

    internal void WriteFromSubscriber(ReadOnlySpan<short> frame) => Copy(frame, _fromSubscriber);

    internal void ReadAtExchange(Span<short> frame) => Copy(_toExchange, frame);

    internal void ReadAtSubscriber(Span<short> frame) => Copy(_toSubscriber, frame);

    private static void Copy(ReadOnlySpan<short> from, Span<short> to)
    {
        AudioFrame.EnsureFrame(from.Length, nameof(from));
        AudioFrame.EnsureFrame(to.Length, nameof(to));
        from.CopyTo(to);
    }

    private static void Transfer(short[] from, short[] to, LineChannel channel, bool passes)
    {
        if (passes)
        {
            from.CopyTo(to, 0);
        }
        else
        {
            Array.Clear(to);
        }

        // The channel runs every tick so that noise and the clock model keep their time.
        channel.Process(to);
    }
}
