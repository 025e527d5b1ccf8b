using FaxBox.Core;
using FaxBox.Fax;

namespace FaxBox.Host.Diagnostics;

/// <summary>
/// The wiring of one loopback call: a sending end, a receiving end, the gateways between them for the chosen path,
/// audio channels on every audio leg and T.38 links on every T.38 leg; then the 20 ms tick loop. Each tick every
/// party transmits one frame, the frames cross their channels, and every party receives; IFPs cross the T.38 links
/// within the tick.
/// </summary>
internal sealed class LoopbackCall : IDisposable
{
    private readonly List<IDisposable> _owned = [];
    private readonly List<AudioLeg> _audioLegs = [];
    private readonly List<(T38Link Link, Action<byte[], ushort> Receive)> _t38Legs = [];
    private readonly List<Action> _tickers = [];
    private readonly IFaxTerminal _sender;
    private readonly IFaxTerminal _receiver;
    private readonly TimeSpan _limit;

    /// <summary>60 s: how long the loop waits for the second end after the first has finished, then hangs up on it.</summary>
    private const int HangUpAfterFrames = 3000;

    public LoopbackCall(IFaxEngine engine, LoopbackOptions options, string sendFile, string receiveFile, Random random, string senderIdent, string receiverIdent)
    {
        _limit = options.Watchdog + TimeSpan.FromMinutes(1);
        var senderOptions = new FaxTerminalOptions
        {
            Direction = FaxDirection.Send,
            SendFile = sendFile,
            LocalIdent = senderIdent,
            Ecm = options.Ecm,
            Modems = options.Modem,
            Watchdog = options.Watchdog,
            LogTag = "sender",
        };
        var receiverOptions = new FaxTerminalOptions
        {
            Direction = FaxDirection.Receive,
            ReceiveFile = receiveFile,
            LocalIdent = receiverIdent,
            Ecm = options.Ecm,
            Modems = options.Modem,
            Watchdog = options.Watchdog,
            LogTag = "receiver",
        };

        AudioChannel Channel() => new(options.Codec, options.NoiseDbm0, random);
        T38Link Link() => new(options.LossPercent, options.Redundancy, random);
        IT38Gateway Gateway(IIfpSink sink, string tag) =>
            Own(engine.CreateT38Gateway(new T38GatewayOptions { Ecm = options.Ecm, LogTag = tag }, sink));

        switch (options.Path)
        {
            case LoopbackPath.Audio:
            {
                var a = Own(engine.CreateAudioTerminal(senderOptions));
                var b = Own(engine.CreateAudioTerminal(receiverOptions));
                AddAudioLeg(a.TransmitAudio, a.ReceiveAudio, b.TransmitAudio, b.ReceiveAudio, Channel(), Channel());
                (_sender, _receiver) = (a, b);
                break;
            }

            case LoopbackPath.GatewayToTerminal:
            {
                var toTerminal = Link();
                var toGateway = Link();
                var a = Own(engine.CreateAudioTerminal(senderOptions));
                var g = Gateway(toTerminal, "gateway");
                var b = Own(engine.CreateT38Terminal(receiverOptions, toGateway));
                AddAudioLeg(a.TransmitAudio, a.ReceiveAudio, g.TransmitAudio, g.ReceiveAudio, Channel(), Channel());
                _t38Legs.Add((toTerminal, (ifp, seq) => b.ReceiveIfp(ifp, seq)));
                _t38Legs.Add((toGateway, (ifp, seq) => g.ReceiveIfp(ifp, seq)));
                _tickers.Add(b.Tick);
                (_sender, _receiver) = (a, b);
                break;
            }

            case LoopbackPath.TerminalToGateway:
            {
                var toGateway = Link();
                var toTerminal = Link();
                var a = Own(engine.CreateT38Terminal(senderOptions, toGateway));
                var g = Gateway(toTerminal, "gateway");
                var b = Own(engine.CreateAudioTerminal(receiverOptions));
                AddAudioLeg(g.TransmitAudio, g.ReceiveAudio, b.TransmitAudio, b.ReceiveAudio, Channel(), Channel());
                _t38Legs.Add((toGateway, (ifp, seq) => g.ReceiveIfp(ifp, seq)));
                _t38Legs.Add((toTerminal, (ifp, seq) => a.ReceiveIfp(ifp, seq)));
                _tickers.Add(a.Tick);
                (_sender, _receiver) = (a, b);
                break;
            }

            case LoopbackPath.GatewayToGateway:
            {
                var forward = Link();
                var backward = Link();
                var a = Own(engine.CreateAudioTerminal(senderOptions));
                var g1 = Gateway(forward, "gateway-a");
                var g2 = Gateway(backward, "gateway-b");
                var b = Own(engine.CreateAudioTerminal(receiverOptions));
                AddAudioLeg(a.TransmitAudio, a.ReceiveAudio, g1.TransmitAudio, g1.ReceiveAudio, Channel(), Channel());
                AddAudioLeg(g2.TransmitAudio, g2.ReceiveAudio, b.TransmitAudio, b.ReceiveAudio, Channel(), Channel());
                _t38Legs.Add((forward, (ifp, seq) => g2.ReceiveIfp(ifp, seq)));
                _t38Legs.Add((backward, (ifp, seq) => g1.ReceiveIfp(ifp, seq)));
                (_sender, _receiver) = (a, b);
                break;
            }

            default:
                throw new ArgumentOutOfRangeException(nameof(options), options.Path, "unknown loopback path");
        }

        _sender.Progress += (_, e) => Report("sender", e);
        _receiver.Progress += (_, e) => Report("receiver", e);
    }

    public event Action<string>? Progress;

    public LoopbackCallResult Run()
    {
        var frames = 0L;
        var limitFrames = (long)(_limit.TotalMilliseconds / AudioFrame.Milliseconds);
        var oneEndDoneAt = -1L;
        while (!(_sender.IsComplete && _receiver.IsComplete) && frames < limitFrames)
        {
            // Once one end has finished, the other gets the time a SIP peer would wait before hanging up.
            if (oneEndDoneAt < 0 && (_sender.IsComplete || _receiver.IsComplete))
            {
                oneEndDoneAt = frames;
            }
            else if (oneEndDoneAt >= 0 && frames - oneEndDoneAt > HangUpAfterFrames)
            {
                break;
            }

            foreach (var leg in _audioLegs)
            {
                leg.Tick();
            }

            foreach (var tick in _tickers)
            {
                tick();
            }

            foreach (var (link, receive) in _t38Legs)
            {
                link.Deliver(receive);
            }

            frames++;
        }

        if (!_sender.IsComplete)
        {
            _sender.Abort();
        }

        if (!_receiver.IsComplete)
        {
            _receiver.Abort();
        }

        return new LoopbackCallResult(
            _sender.Result,
            _receiver.Result,
            TimeSpan.FromMilliseconds(frames * AudioFrame.Milliseconds),
            _t38Legs.Sum(l => l.Link.DatagramsSent),
            _t38Legs.Sum(l => l.Link.DatagramsLost),
            _t38Legs.Sum(l => l.Link.RecoveredByRedundancy),
            _t38Legs.Sum(l => l.Link.IfpsLost));
    }

    public void Dispose()
    {
        // Freeing the native receiver closes its TIFF, so the file is complete after this.
        foreach (var item in _owned)
        {
            item.Dispose();
        }
    }

    private T Own<T>(T item)
        where T : IDisposable
    {
        _owned.Add(item);
        return item;
    }

    private void AddAudioLeg(SpanAction left, ReadOnlySpanAction leftReceive, SpanAction right, ReadOnlySpanAction rightReceive, AudioChannel leftToRight, AudioChannel rightToLeft) =>
        _audioLegs.Add(new AudioLeg(left, leftReceive, right, rightReceive, leftToRight, rightToLeft));

    private void Report(string who, FaxProgressEventArgs e)
    {
        var s = e.Statistics;
        var line = e.Phase switch
        {
            FaxPhase.B => $"{who}: phase B, remote '{e.RemoteIdent}'",
            FaxPhase.D => $"{who}: page {s.PagesTransferred} done at {s.BitRate} bit/s{(s.Ecm ? " ECM" : string.Empty)}",
            _ => $"{who}: phase E, {e.Result?.T30Text} ({s.PagesTransferred} page(s))",
        };
        Progress?.Invoke(line);
    }

    internal delegate void SpanAction(Span<short> frame);

    internal delegate void ReadOnlySpanAction(ReadOnlySpan<short> frame);

    /// <summary>Two parties joined by an audio channel each way; one frame each way per tick.</summary>
    private sealed class AudioLeg(SpanAction left, ReadOnlySpanAction leftReceive, SpanAction right, ReadOnlySpanAction rightReceive, AudioChannel leftToRight, AudioChannel rightToLeft)
    {
        private readonly short[] _l2r = new short[AudioFrame.Samples];
        private readonly short[] _r2l = new short[AudioFrame.Samples];

        public void Tick()
        {
            left(_l2r);
            right(_r2l);
            leftToRight.Pass(_l2r);
            rightToLeft.Pass(_r2l);
            leftReceive(_r2l);
            rightReceive(_l2r);
        }
    }
}
