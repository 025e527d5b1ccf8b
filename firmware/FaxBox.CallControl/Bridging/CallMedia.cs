using System.Net;
using System.Net.Sockets;
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
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace FaxBox.CallControl.Bridging;

/// <summary>
/// One call's media: the line port's audio joined to the network as G.711 over RTP (voice, or pass-through with fax
/// adaptations) or T.38 over UDPTL through the engine's T.38 gateway. The RTP/RTCP pair and the UDPTL port are bound
/// when it is made; the sessions on them are made when a mode is chosen.
/// <para>
/// Threads: <see cref="UseAudio"/>, <see cref="UseT38"/> and <see cref="Stop"/> build what the new mode needs on the
/// calling thread and leave it in a one-command slot; <see cref="Exchange"/>, on the media thread, takes it at the start of
/// the next frame. The media thread never waits for another thread and allocates nothing per frame in steady state.
/// </para>
/// <para>
/// Fax adaptations in G.711 fax mode: the fixed jitter buffer (<see cref="FaxOptions.G711JitterBuffer"/>, no time
/// stretching, no concealment), no VAD or comfort noise (every frame is sent as it is), PCMU or PCMA only. There is no echo
/// canceller anywhere in this path, so there is none to switch off.
/// </para>
/// <para>
/// Time: media time is frames exchanged × 20 ms; the RTP session, the UDPTL session and the tone detectors run on it.
/// Known limits: RFC 4733 events from the peer are not played to the line; after T.38 the RTP socket is still drained but
/// keeps its RTCP going to the old address; a remote address change makes a new RTP stream (new SSRC), the old one ends
/// without an RTCP BYE.
/// </para>
/// </summary>
public sealed partial class CallMedia : ICallMedia, IRtpPacketHandler, IUdptlIfpHandler, IIfpSink
{
    /// <summary>The reason recorded when the engine has no T.30 monitor for G.711 pass-through.</summary>
    public const string NoG711View = "no T.30 view in G.711 pass-through";

    /// <summary>The UDPTL datagram limit used when the peer announced no T38FaxMaxDatagram (below the common 400, above 72-octet IFPs with redundancy).</summary>
    public const int UnannouncedMaxDatagram = 320;

    private const int Idle = 0;
    private const int Busy = 1;
    private const int Disposed = 2;

    private readonly FaxOptions _fax;
    private readonly Core.Capture.PacketTap? _tap;
    private readonly IFaxEngine _engine;
    private readonly string _logTag;
    private readonly ILogger _logger;
    private readonly string _cname;
    private readonly LossyUdpRelay? _audioRelay;
    private readonly LossyUdpRelay? _imageRelay;
    private readonly Socket _rtpSocket;
    private readonly Socket _rtcpSocket;
    private readonly Socket _udptlSocket;
    private readonly MediaTimeProvider _time = new(DateTimeOffset.UtcNow);
    private readonly FaxToneWatch _lineTones;
    private readonly FaxToneWatch _networkTones;
    private readonly IT30Monitor? _lineMonitor;
    private readonly IT30Monitor? _networkMonitor;
    private readonly T30SessionObserver _observer = new();
    private readonly T30LadderRecorder _ladder = new();
    private readonly byte[] _encoded = new byte[AudioFrame.Samples];
    private readonly short[] _decoded = new short[UdptlOptions.MaxUdpPayload];
    private readonly Lock _signalling = new();
    private readonly Lock _statisticsLock = new();

    // Signalling side (under _signalling).
    private RtpSession? _rtpBuilt;
    private IPEndPoint? _rtpBuiltRemote;

    // The slot between the two sides.
    private MediaCommand? _pending;
    private int _state;

    // Media thread.
    private CallMediaMode _active;
    private RtpSession? _rtp;
    private byte _payloadType;
    private G711Law _law;
    private FixedJitterBuffer? _faxBuffer;
    private AdaptiveJitterBuffer? _voiceBuffer;
    private bool _marker;
    private UdptlSession? _udptl;
    private IT38Gateway? _gateway;
    private NetworkCounters _rtpBase;
    private NetworkCounters _udptlBase;
    private long _frames;

    // Published for other threads (under _statisticsLock).
    private NetworkCounters _rtpNow;
    private NetworkCounters _udptlNow;
    private volatile CallMediaMode _mode;
    private volatile bool _gatewayComplete;

    /// <summary>
    /// Binds an RTP/RTCP pair and a UDPTL port from <paramref name="ports"/> now (so both can go into SDP) and prepares
    /// the tone detectors and, when the engine has them, the two T.30 monitors for G.711 pass-through.
    /// </summary>
    /// <param name="fax">Fax handling: redundancy, ECM, the G.711 jitter buffer depth (validated here).</param>
    /// <param name="media">Where media lives (the address names the RTCP CNAME).</param>
    /// <param name="engine">The fax engine that makes the detectors, monitors and the T.38 gateway.</param>
    /// <param name="ports">The media port allocator.</param>
    /// <param name="logTag">The call's tag for log lines (the SIP Call-ID or the port name).</param>
    /// <param name="logger">Where log lines go; none when null.</param>
    public CallMedia(FaxOptions fax, MediaOptions media, IFaxEngine engine, MediaPortAllocator ports, string logTag, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(fax);
        ArgumentNullException.ThrowIfNull(media);
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(ports);
        ArgumentException.ThrowIfNullOrEmpty(logTag);
        fax.Validate("fax");
        _fax = fax.Clone();
        _tap = ports.Tap;
        _engine = engine;
        _logTag = logTag;
        _logger = logger ?? NullLogger.Instance;
        _cname = $"faxbox@{media.Address}";

        (_rtpSocket, _rtcpSocket, _udptlSocket) = ports.BindCallSockets();

        AudioEndPoint = (IPEndPoint)_rtpSocket.LocalEndPoint!;
        ImageEndPoint = (IPEndPoint)_udptlSocket.LocalEndPoint!;
        if (media.SimulatedLossPercent > 0)
        {
            var seed = AudioEndPoint.Port;
            _audioRelay = new LossyUdpRelay(AudioEndPoint, media.SimulatedLossPercent, seed);
            _imageRelay = new LossyUdpRelay(ImageEndPoint, media.SimulatedLossPercent, seed + 1);
        }

        _networkTones = new FaxToneWatch(engine.CreateToneDetector(new ToneDetectorOptions()), fromLine: false, _time, RaiseTone);
        _lineTones = new FaxToneWatch(engine.CreateToneDetector(new ToneDetectorOptions()), fromLine: true, _time, RaiseTone, _networkTones, e => LogToneEcho(_logger, _logTag, e.Tone, e.At));
        try
        {
            _lineMonitor = engine.CreateT30Monitor();
            _networkMonitor = engine.CreateT30Monitor();
            _lineMonitor.Frame += (_, e) => OnT30Frame(fromLine: true, e.Frame);
            _networkMonitor.Frame += (_, e) => OnT30Frame(fromLine: false, e.Frame);
        }
        catch (NotSupportedException)
        {
            _lineMonitor?.Dispose();
            _lineMonitor = null;
            _networkMonitor = null;
            _observer.NoView(NoG711View);
            LogNoT30Monitor(_logger, _logTag, engine.Name);
        }
    }

    /// <inheritdoc />
    public event EventHandler<FaxToneEvent>? FaxToneDetected;

    public event EventHandler<T30Progress>? FaxProgress
    {
        add => _observer.Progress += value;
        remove => _observer.Progress -= value;
    }

    /// <inheritdoc />
    public IPEndPoint AudioEndPoint { get; }

    /// <inheritdoc />
    public IPEndPoint ImageEndPoint { get; }

    /// <inheritdoc />
    public CallMediaMode Mode => _mode;

    /// <inheritdoc />
    public bool FaxComplete => _observer.Complete && (_mode != CallMediaMode.T38 || _gatewayComplete);

    /// <summary>True when the engine gives a T.30 view of G.711 pass-through (two monitors run in audio modes).</summary>
    public bool HasG711T30View => _lineMonitor is not null;

    /// <summary>T.30 frames the record has seen (relayed by the T.38 gateway or heard by the G.711 monitors).</summary>
    public int T30FramesSeen => _observer.FrameCount;

    /// <summary>Media time: frames exchanged × 20 ms.</summary>
    public TimeSpan Elapsed => _time.Now;

    /// <inheritdoc />
    /// <exception cref="ArgumentOutOfRangeException">The payload type is not 0 (PCMU) or 8 (PCMA).</exception>
    public void UseAudio(IPEndPoint remote, int payloadType, int telephoneEventPayloadType, bool faxAdapted)
    {
        ArgumentNullException.ThrowIfNull(remote);
        remote = _audioRelay?.Route(remote) ?? remote;
        if (payloadType is not (0 or 8))
        {
            throw new ArgumentOutOfRangeException(nameof(payloadType), payloadType, "audio payload type must be 0 (PCMU) or 8 (PCMA): fax needs G.711");
        }

        if (telephoneEventPayloadType is not (-1 or (>= 96 and <= 127)))
        {
            throw new ArgumentOutOfRangeException(nameof(telephoneEventPayloadType), telephoneEventPayloadType, "telephone-event payload type must be -1 (none) or dynamic (96 to 127)");
        }

        lock (_signalling)
        {
            ThrowIfDisposed();
            if (_rtpBuilt is null || !remote.Equals(_rtpBuiltRemote))
            {
                var options = new RtpSessionOptions { Cname = _cname };
                _rtpBuilt = new RtpSession(options, _rtpSocket, _rtcpSocket, remote, null, this, _time, _tap);
                _rtpBuiltRemote = remote;
            }

            Post(new MediaCommand
            {
                Mode = faxAdapted ? CallMediaMode.G711Fax : CallMediaMode.Voice,
                Remote = remote,
                Rtp = _rtpBuilt,
                PayloadType = (byte)payloadType,
                TelephoneEventPayloadType = telephoneEventPayloadType,
                Law = payloadType == 8 ? G711Law.ALaw : G711Law.MuLaw,
                FaxBuffer = faxAdapted ? new FixedJitterBuffer(new FixedJitterBufferOptions { Delay = _fax.G711JitterBuffer }) : null,
                VoiceBuffer = faxAdapted ? null : new AdaptiveJitterBuffer(new AdaptiveJitterBufferOptions()),
            });
        }
    }

    /// <inheritdoc />
    public void UseT38(IPEndPoint remote, T38Session session)
    {
        ArgumentNullException.ThrowIfNull(remote);
        ArgumentNullException.ThrowIfNull(session);
        remote = _imageRelay?.Route(remote) ?? remote;
        UdptlOptions udptl = UdptlOptionsFor(session, _fax);
        lock (_signalling)
        {
            ThrowIfDisposed();
            IT38Gateway gateway = _engine.CreateT38Gateway(GatewayOptionsFor(session, udptl, _fax, _logTag), this);
            gateway.Frame += (_, e) => OnT30Frame(fromLine: e.Incoming, e.Frame);
            Post(new MediaCommand
            {
                Mode = CallMediaMode.T38,
                Remote = remote,
                Udptl = new UdptlSession(udptl, _udptlSocket, remote, this, tap: _tap),
                Gateway = gateway,
            });
        }
    }

    /// <inheritdoc />
    public void Stop()
    {
        lock (_signalling)
        {
            if (Volatile.Read(ref _state) != Disposed)
            {
                Post(new MediaCommand { Mode = CallMediaMode.None });
            }
        }
    }

    /// <inheritdoc />
    public void Exchange(ReadOnlySpan<short> fromLine, Span<short> toLine)
    {
        // Not a lock: Dispose waits for a running frame, the media thread never waits.
        if (Interlocked.CompareExchange(ref _state, Busy, Idle) != Idle)
        {
            return;
        }

        try
        {
            _audioRelay?.Pump();
            _imageRelay?.Pump();
            MediaCommand? command = Interlocked.Exchange(ref _pending, null);
            if (command is not null)
            {
                Apply(command);
            }

            switch (_active)
            {
                case CallMediaMode.Voice or CallMediaMode.G711Fax:
                    ExchangeAudio(fromLine, toLine);
                    break;
                case CallMediaMode.T38:
                    ExchangeT38(fromLine, toLine);
                    break;
                default:
                    _rtp?.Poll(); // keep the sockets drained while on hold
                    break;
            }

            _frames++;
            _time.Advance();
            Publish();
        }
        finally
        {
            Volatile.Write(ref _state, Idle);
        }
    }

    /// <inheritdoc />
    public CallMediaStatistics GetStatistics()
    {
        T30Summary t30 = _observer.Summary();
        NetworkCounters rtp;
        NetworkCounters udptl;
        lock (_statisticsLock)
        {
            rtp = _rtpNow;
            udptl = _udptlNow;
        }

        var (frames, omitted) = _ladder.Snapshot();
        return new CallMediaStatistics(_mode, (rtp + udptl).ToStatus(), t30.Pages, t30.BitRate, t30.Ecm, t30.Result, t30.Success, _time.Now)
        {
            Rtp = rtp.ToStatus(),
            Udptl = udptl.ToStatus(),
            T30Frames = frames,
            T30FramesOmitted = omitted,
        };
    }

    /// <summary>Waits for a running frame to finish (at most about a second), then frees the gateway, detectors and sockets; statistics stay readable.</summary>
    public void Dispose()
    {
        lock (_signalling)
        {
            var spin = new SpinWait();
            long deadline = Environment.TickCount64 + 1000;
            while (Interlocked.CompareExchange(ref _state, Disposed, Idle) != Idle)
            {
                if (Volatile.Read(ref _state) == Disposed)
                {
                    return;
                }

                if (Environment.TickCount64 > deadline)
                {
                    // A frame that never ends is a bug elsewhere; free nothing it may still touch.
                    Volatile.Write(ref _state, Disposed);
                    LogDisposeTimeout(_logger, _logTag);
                    return;
                }

                spin.SpinOnce();
            }

            Interlocked.Exchange(ref _pending, null)?.Discard();
            _observer.CallEnded();
            _gateway?.Dispose();
            _gateway = null;
            _lineTones.Dispose();
            _networkTones.Dispose();
            _lineMonitor?.Dispose();
            _networkMonitor?.Dispose();
            _audioRelay?.Dispose();
            _imageRelay?.Dispose();
            (_rtp ?? _rtpBuilt)?.Dispose();
            _udptl?.Dispose();
            _rtpSocket.Dispose();
            _rtcpSocket.Dispose();
            _udptlSocket.Dispose();
            _mode = CallMediaMode.None;
        }
    }

    /// <summary>The UDPTL settings for a negotiated T.38 session: error recovery as agreed, our redundancy depths, the peer's datagram limit.</summary>
    internal static UdptlOptions UdptlOptionsFor(T38Session session, FaxOptions fax)
    {
        bool none = session.ErrorCorrection == T38ErrorCorrection.None;
        return new UdptlOptions
        {
            ErrorRecovery = session.ErrorCorrection == T38ErrorCorrection.Fec ? UdptlErrorRecovery.Fec : UdptlErrorRecovery.Redundancy,
            ControlRedundancy = none ? 0 : fax.ControlRedundancy,
            ImageRedundancy = none ? 0 : fax.ImageRedundancy,
            MaxDatagram = Math.Clamp(session.RemoteMaxDatagram ?? UnannouncedMaxDatagram, 64, UdptlOptions.MaxUdpPayload),
        };
    }

    /// <summary>
    /// The T.38 gateway settings for a negotiated session: version and rate management as agreed, IFPs small enough for
    /// the peer's datagram (UDPTL header and length octets aside), modems no faster than T38MaxBitRate, ECM as configured.
    /// </summary>
    internal static T38GatewayOptions GatewayOptionsFor(T38Session session, UdptlOptions udptl, FaxOptions fax, string logTag) => new()
    {
        Ecm = fax.Ecm,
        Modems = session.MaxBitRate switch
        {
            <= 0 or >= 14400 => FaxModems.All,
            >= 9600 => FaxModems.V27ter | FaxModems.V29,
            _ => FaxModems.V27ter,
        },
        T38 = new T38Options
        {
            Version = session.Version,
            TransferredTcf = session.RateManagement == T38RateManagement.TransferredTcf,
            MaxBuffer = session.RemoteMaxBuffer ?? 400,
            MaxDatagram = Math.Max(32, udptl.MaxDatagram - 8),
            FillBitRemoval = session.FillBitRemoval,
        },
        LogTag = logTag,
    };

    void IRtpPacketHandler.OnRtpPacket(in RtpHeader header, ReadOnlySpan<byte> payload)
    {
        if (header.PayloadType != _payloadType || _active is not (CallMediaMode.Voice or CallMediaMode.G711Fax))
        {
            return; // telephone-event, comfort noise, or audio while on hold or in T.38
        }

        int n = Math.Min(payload.Length, _decoded.Length);
        Span<short> samples = _decoded.AsSpan(0, n);
        G711Codec.Decode(_law, payload[..n], samples);
        if (_faxBuffer is not null)
        {
            _faxBuffer.Put(header.Timestamp, samples);
        }
        else
        {
            _voiceBuffer?.Put(header.Timestamp, samples, _time.Now);
        }
    }

    void IUdptlIfpHandler.OnIfp(ReadOnlySpan<byte> ifp, ushort sequence) => _gateway?.ReceiveIfp(ifp, sequence);

    void IIfpSink.SendIfp(ReadOnlySpan<byte> ifp, int repeatCount) => _udptl?.SendIfp(ifp, Math.Max(1, repeatCount));

    /// <summary>Media thread: one T.30 frame relayed by the gateway or heard by a G.711 monitor, for the record and its ladder.</summary>
    private void OnT30Frame(bool fromLine, byte[] frame)
    {
        _observer.OnFrame(fromLine, frame);
        _ladder.Add(fromLine ? T30FrameOrigin.Local : T30FrameOrigin.Remote, _time.Now, frame);
    }

    private void ExchangeAudio(ReadOnlySpan<short> fromLine, Span<short> toLine)
    {
        RtpSession rtp = _rtp!;
        rtp.Poll();
        if (_faxBuffer is not null)
        {
            _faxBuffer.Get(toLine);
        }
        else
        {
            _voiceBuffer!.Get(toLine);
        }

        _networkTones.Process(toLine); // first: the line's echo of a network tone must find it already heard
        _lineTones.Process(fromLine);
        _lineMonitor?.ReceiveAudio(fromLine);
        _networkMonitor?.ReceiveAudio(toLine);

        G711Codec.Encode(_law, fromLine, _encoded);
        rtp.SendAudio(_payloadType, _encoded, AudioFrame.Samples, _marker);
        _marker = false;
    }

    private void ExchangeT38(ReadOnlySpan<short> fromLine, Span<short> toLine)
    {
        // The RTP session rests while T.38 runs: no receive, no RTCP. Polling it cost a system call per frame, and its RTCP
        // to a peer that had closed its RTP socket came back as ICMP port unreachable, a SocketException (5 kB) on the next
        // receive; packets a peer still sends wait in the socket buffer and are discarded as late if audio resumes.
        IT38Gateway gateway = _gateway!;
        _udptl!.Poll(_time.Now);
        gateway.TransmitAudio(toLine);
        gateway.ReceiveAudio(fromLine);
        _gatewayComplete = gateway.IsComplete;
    }

    private void Apply(MediaCommand command)
    {
        CallMediaMode from = _active;
        if (command.Rtp is not null && !ReferenceEquals(command.Rtp, _rtp))
        {
            _rtpBase += NetworkCounters.Of(_rtp);
            _rtp = command.Rtp;
        }

        if (command.Udptl is not null)
        {
            _udptlBase += NetworkCounters.Of(_udptl);
            _udptl = command.Udptl;
        }

        if (from == CallMediaMode.T38 || command.Gateway is not null)
        {
            _gateway?.Dispose();
            _gateway = command.Gateway;
            _gatewayComplete = false;
        }

        if (command.Mode is CallMediaMode.Voice or CallMediaMode.G711Fax)
        {
            _payloadType = command.PayloadType;
            _law = command.Law;
            _faxBuffer = command.FaxBuffer;
            _voiceBuffer = command.VoiceBuffer;
            _marker = true;
        }

        _active = command.Mode;
        _mode = command.Mode;
        LogMode(_logger, _logTag, from, command.Mode, command.Remote);
    }

    private void Publish()
    {
        NetworkCounters rtp = _rtpBase + NetworkCounters.Of(_rtp);
        NetworkCounters udptl = _udptlBase + NetworkCounters.Of(_udptl);
        lock (_statisticsLock)
        {
            _rtpNow = rtp;
            _udptlNow = udptl;
        }
    }

    private void Post(MediaCommand command)
    {
        Interlocked.Exchange(ref _pending, command)?.Discard();
    }

    private void RaiseTone(FaxToneEvent e)
    {
        LogTone(_logger, _logTag, e.Tone, e.FromLine ? "line" : "network", e.At);
        FaxToneDetected?.Invoke(this, e);
    }

    private void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(Volatile.Read(ref _state) == Disposed, this);
}
