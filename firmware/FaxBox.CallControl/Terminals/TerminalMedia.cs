using System.Net;
using System.Net.Sockets;
using FaxBox.CallControl.Bridging;
using FaxBox.CallControl.Configuration;
using FaxBox.CallControl.Records;
using FaxBox.Core;
using FaxBox.Core.Status;
using FaxBox.Fax;
using FaxBox.Fax.Tones;
using FaxBox.Media.G711;
using FaxBox.Media.Jitter;
using FaxBox.Media.Net;
using FaxBox.Media.Rtp;
using FaxBox.Media.Udptl;
using FaxBox.Sip.Sdp;

namespace FaxBox.CallControl.Terminals;

/// <summary>
/// The media of one call of the box's own fax terminal: the engine's audio fax terminal on G.711 over RTP (fax-adapted:
/// the fixed jitter buffer, no VAD, no comfort noise, no concealment), or the engine's T.38 terminal straight on UDPTL with
/// the configured redundancy — no modem DSP on the T.38 path. Its sockets are bound when it is made, so their ports can go
/// into SDP before the mode is known.
/// <para>
/// Threads: everything runs on the media thread (the terminal calls' tick), mode switches included; nothing here blocks,
/// and a frame in steady state allocates nothing. A switch makes a fresh terminal (T.30 starts over, as it does on every
/// audio ↔ T.38 change), so a switch is only made before the document phase or when the old path is gone.
/// </para>
/// </summary>
internal sealed class TerminalMedia : IRtpPacketHandler, IUdptlIfpHandler, IIfpSink, IDisposable
{
    /// <summary>The largest RTP audio payload decoded (60 ms of G.711); longer packets are cut.</summary>
    private const int MaxAudioSamples = 480;

    private readonly IFaxEngine _engine;
    private readonly Core.Capture.PacketTap? _tap;
    private readonly string _cname;
    private readonly Socket _rtpSocket;
    private readonly Socket _rtcpSocket;
    private readonly Socket _udptlSocket;
    private readonly MediaTimeProvider _time = new(DateTimeOffset.UtcNow);
    private readonly short[] _rx = new short[AudioFrame.Samples];
    private readonly short[] _tx = new short[AudioFrame.Samples];
    private readonly byte[] _encoded = new byte[AudioFrame.Samples];
    private readonly short[] _decoded = new short[MaxAudioSamples];
    private readonly EventHandler<FaxProgressEventArgs> _progress;
    private readonly Action<FaxTone> _tone;
    private readonly EventHandler<T30FrameEventArgs> _frame;
    private RtpSession? _rtp;
    private IPEndPoint? _rtpRemote;
    private byte _payloadType;
    private G711Law _law;
    private FixedJitterBuffer? _jitter;
    private bool _marker;
    private UdptlSession? _udptl;
    private IAudioFaxTerminal? _audio;
    private IT38FaxTerminal? _t38;
    private IToneDetector? _detector;
    private NetworkCounters _rtpBase;
    private NetworkCounters _udptlBase;
    private bool _disposed;

    /// <summary>Binds an RTP/RTCP pair and a UDPTL port from <paramref name="ports"/>; throws <see cref="SocketException"/> when none is free.</summary>
    /// <param name="engine">The engine that makes the terminals and the tone detector.</param>
    /// <param name="ports">The media port allocator.</param>
    /// <param name="address">The media address (names the RTCP CNAME).</param>
    /// <param name="progress">Called on the media thread at T.30 phases B, D and E of whichever terminal runs.</param>
    /// <param name="tone">Called on the media thread when a watched fax tone (CNG, V.21 preamble) is heard from the network.</param>
    public TerminalMedia(IFaxEngine engine, MediaPortAllocator ports, IPAddress address, EventHandler<FaxProgressEventArgs> progress, Action<FaxTone> tone)
    {
        _engine = engine;
        _tap = ports.Tap;
        _progress = progress;
        _tone = tone;
        _cname = $"faxbox@{address}";
        _frame = (_, e) => Ladder.Add(e.Incoming ? T30FrameOrigin.Remote : T30FrameOrigin.Local, _time.Now, e.Frame);
        (_rtpSocket, _rtcpSocket, _udptlSocket) = ports.BindCallSockets();

        // The terminal must notice a far end that died (its ports closed) rather than wait for T.30's timeouts.
        MediaUdpSocket.ReportUnreachable(_rtpSocket);
        MediaUdpSocket.ReportUnreachable(_udptlSocket);
        AudioEndPoint = (IPEndPoint)_rtpSocket.LocalEndPoint!;
        ImageEndPoint = (IPEndPoint)_udptlSocket.LocalEndPoint!;
    }

    /// <summary>The local RTP address and port (SDP's audio m-line).</summary>
    public IPEndPoint AudioEndPoint { get; }

    /// <summary>The local UDPTL address and port (SDP's image m-line).</summary>
    public IPEndPoint ImageEndPoint { get; }

    /// <summary>What the media carries now.</summary>
    public CallMediaMode Mode { get; private set; }

    /// <summary>The T.30 frames of every terminal this call ran (a switch to T.38 starts T.30 over: both sessions show), for the record.</summary>
    public T30LadderRecorder Ladder { get; } = new();

    /// <summary>The terminal running now (audio or T.38), or null before media starts.</summary>
    public IFaxTerminal? Terminal => (IFaxTerminal?)_t38 ?? _audio;

    /// <summary>Whether a G.711 jitter buffer is held (only while the call carries audio).</summary>
    internal bool HoldsJitterBuffer => _jitter is not null;

    /// <summary>Media time: frames ticked × 20 ms.</summary>
    public TimeSpan Now => _time.Now;

    /// <summary>
    /// G.711 with fax adaptations to <paramref name="remote"/>, the audio terminal with <paramref name="terminal"/>'s settings.
    /// A running audio terminal is kept (a refresh or a new address); coming from T.38, a fresh one starts.
    /// <paramref name="watchTones"/> listens for CNG and the V.21 preamble from the network (to switch to T.38).
    /// </summary>
    public void UseAudio(IPEndPoint remote, int payloadType, FaxOptions fax, FaxTerminalOptions terminal, bool watchTones)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_rtp is null || !remote.Equals(_rtpRemote))
        {
            _rtpBase += NetworkCounters.Of(_rtp);
            _rtp?.Dispose();
            _rtp = new RtpSession(new RtpSessionOptions { Cname = _cname }, _rtpSocket, _rtcpSocket, remote, null, this, _time, _tap);
            _rtpRemote = remote;
            _marker = true;
        }

        _payloadType = (byte)payloadType;
        _law = payloadType == 8 ? G711Law.ALaw : G711Law.MuLaw;
        _jitter ??= new FixedJitterBuffer(new FixedJitterBufferOptions { Delay = fax.G711JitterBuffer });
        if (_audio is null)
        {
            DropT38();
            _audio = _engine.CreateAudioTerminal(terminal);
            _audio.Progress += _progress;
            _audio.Frame += _frame;
        }

        if (watchTones && _detector is null)
        {
            _detector = _engine.CreateToneDetector(new ToneDetectorOptions());
            _detector.ToneChanged += OnTone;
        }
        else if (!watchTones)
        {
            StopWatchingTones();
        }

        Mode = CallMediaMode.G711Fax;
    }

    /// <summary>T.38 with <paramref name="remote"/> as <paramref name="session"/> agreed: a fresh T.38 terminal on UDPTL.</summary>
    public void UseT38(IPEndPoint remote, T38Session session, FaxOptions fax, FaxTerminalOptions terminal)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var udptl = CallMedia.UdptlOptionsFor(session, fax);
        var modems = session.MaxBitRate switch
        {
            <= 0 or >= 14400 => FaxModems.All,
            >= 9600 => FaxModems.V27ter | FaxModems.V29,
            _ => FaxModems.V27ter,
        };
        var options = new FaxTerminalOptions
        {
            Direction = terminal.Direction,
            CallingParty = terminal.CallingParty,
            SendFile = terminal.SendFile,
            ReceiveFile = terminal.ReceiveFile,
            LocalIdent = terminal.LocalIdent,
            SubAddress = terminal.SubAddress,
            Ecm = terminal.Ecm,
            Modems = (terminal.Modems & modems) == FaxModems.None ? FaxModems.V27ter : terminal.Modems & modems,
            Watchdog = terminal.Watchdog,
            LogTag = terminal.LogTag,
            T38 = new T38Options
            {
                Version = session.Version,
                TransferredTcf = session.RateManagement == T38RateManagement.TransferredTcf,
                MaxBuffer = session.RemoteMaxBuffer ?? 400,
                MaxDatagram = Math.Max(32, udptl.MaxDatagram - 8),
                FillBitRemoval = session.FillBitRemoval,
            },
        };

        DropAudio();
        DropT38();

        // The G.711 jitter buffer is 48 KB (a 2 s sample ring) that T.38 never reads: free it for the rest of the call
        // (a fall-back to G.711 makes a fresh one), so a box with hundreds of T.38 calls does not keep one per call.
        _jitter = null;
        _udptlBase += NetworkCounters.Of(_udptl);
        _udptl?.Dispose();
        _udptl = new UdptlSession(udptl, _udptlSocket, remote, this, tap: _tap);
        _t38 = _engine.CreateT38Terminal(options, this);
        _t38.Progress += _progress;
        _t38.Frame += _frame;
        Mode = CallMediaMode.T38;
    }

    /// <summary>One 20 ms frame: the running terminal exchanges audio with RTP, or ticks and exchanges IFPs with UDPTL.</summary>
    public void Tick()
    {
        if (_disposed)
        {
            return;
        }

        if (_audio is not null && _rtp is not null)
        {
            _rtp.Poll();
            _jitter!.Get(_rx);
            _detector?.Process(_rx);
            _audio.ReceiveAudio(_rx);
            _audio.TransmitAudio(_tx);
            G711Codec.Encode(_law, _tx, _encoded);
            _rtp.SendAudio(_payloadType, _encoded, AudioFrame.Samples, _marker);
            _marker = false;
        }
        else if (_t38 is not null && _udptl is not null)
        {
            _udptl.Poll(_time.Now);
            _t38.Tick();
        }

        _time.Advance();
    }

    /// <summary>Stops listening for fax tones (the switch to T.38 was made or given up).</summary>
    public void StopWatchingTones()
    {
        if (_detector is { } detector)
        {
            _detector = null;
            detector.ToneChanged -= OnTone;
            detector.Dispose();
        }
    }

    /// <summary>
    /// The active transport's liveness: datagrams received from the far end and sends its host refused (ICMP port
    /// unreachable: nothing listens there any more). Both only grow; compare with earlier readings.
    /// </summary>
    public (long Received, long Refused) Liveness =>
        _t38 is not null && _udptl is not null ? _udptl.Liveness : _rtp is not null ? _rtp.Liveness : (0, 0);

    /// <summary>The network counters of both transports so far.</summary>
    public FaxNetworkStatistics Network() => (_rtpBase + NetworkCounters.Of(_rtp) + _udptlBase + NetworkCounters.Of(_udptl)).ToStatus();

    /// <summary>Aborts a terminal that has not finished (the result says so), frees the terminal, sessions and sockets.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        StopWatchingTones();
        DropAudio();
        DropT38();
        _rtp?.Dispose();
        _udptl?.Dispose();
        _rtpSocket.Dispose();
        _rtcpSocket.Dispose();
        _udptlSocket.Dispose();
        Mode = CallMediaMode.None;
    }

    void IRtpPacketHandler.OnRtpPacket(in RtpHeader header, ReadOnlySpan<byte> payload)
    {
        if (header.PayloadType != _payloadType || _jitter is null)
        {
            return; // telephone-event or comfort noise: a fax terminal has no use for them
        }

        int n = Math.Min(payload.Length, _decoded.Length);
        Span<short> samples = _decoded.AsSpan(0, n);
        G711Codec.Decode(_law, payload[..n], samples);
        _jitter.Put(header.Timestamp, samples);
    }

    void IUdptlIfpHandler.OnIfp(ReadOnlySpan<byte> ifp, ushort sequence) => _t38?.ReceiveIfp(ifp, sequence);

    void IIfpSink.SendIfp(ReadOnlySpan<byte> ifp, int repeatCount) => _udptl?.SendIfp(ifp, Math.Max(1, repeatCount));

    private void OnTone(object? sender, ToneEvent e)
    {
        if (e.Present && e.Tone is FaxTone.Cng or FaxTone.V21Preamble)
        {
            _tone(e.Tone);
        }
    }

    private void DropAudio()
    {
        if (_audio is { } audio)
        {
            _audio = null;
            audio.Progress -= _progress;
            audio.Frame -= _frame;
            audio.Dispose();
        }
    }

    private void DropT38()
    {
        if (_t38 is { } t38)
        {
            _t38 = null;
            t38.Progress -= _progress;
            t38.Frame -= _frame;
            t38.Dispose();
        }
    }
}
