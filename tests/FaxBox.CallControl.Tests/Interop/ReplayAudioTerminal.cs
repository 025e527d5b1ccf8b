using System.Net;
using System.Net.Sockets;
using FaxBox.Core;
using FaxBox.Fax;
using FaxBox.Media.G711;
using FaxBox.Media.Jitter;
using FaxBox.Media.Rtp;

namespace FaxBox.CallControl.Tests.Interop;

/// <summary>
/// The box's side of a replay over G.711: the engine's audio fax terminal on a real RTP session on 127.0.0.1, received
/// audio through the fax pass-through jitter buffer (fixed, 100 ms), driven by a real-time 20 ms media clock. Sockets
/// are bound at construction for SDP; <see cref="Start"/> points the session at the address the SDP gave.
/// </summary>
internal sealed class ReplayAudioTerminal : IMediaTickHandler, IRtpPacketHandler, IDisposable
{
    private readonly IFaxEngine _engine;
    private readonly FaxTerminalOptions _options;
    private readonly IMediaClock _clock;
    private readonly Socket _rtpSocket;
    private readonly Socket _rtcpSocket;
    private readonly FixedJitterBuffer _jitter = new(new FixedJitterBufferOptions());
    private readonly TaskCompletionSource<FaxResult> _completed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly short[] _decoded = new short[1500];
    private readonly short[] _rx = new short[AudioFrame.Samples];
    private readonly short[] _tx = new short[AudioFrame.Samples];
    private readonly byte[] _payload = new byte[AudioFrame.Samples];
    private G711Law _law;
    private byte _payloadType;
    private RtpSession? _rtp;
    private IAudioFaxTerminal? _terminal;
    private IDisposable? _registration;
    private long _otherPayloads;

    public ReplayAudioTerminal(IFaxEngine engine, FaxTerminalOptions options, IMediaClock clock)
    {
        _engine = engine;
        _options = options;
        _clock = clock;
        _rtpSocket = Bind();
        _rtcpSocket = Bind();
        LocalEndPoint = (IPEndPoint)_rtpSocket.LocalEndPoint!;
    }

    /// <summary>The RTP port for SDP <c>m=audio</c>.</summary>
    public IPEndPoint LocalEndPoint { get; }

    /// <summary>Completes with the terminal's result once T.30 reached phase E (or the watchdog fired).</summary>
    public Task<FaxResult> Completed => _completed.Task;

    /// <summary>The RTP session once started.</summary>
    public RtpSession? Rtp => _rtp;

    /// <summary>RTP packets of a payload type other than the negotiated G.711 one (telephone-event, comfort noise), ignored.</summary>
    public long OtherPayloads => Interlocked.Read(ref _otherPayloads);

    /// <summary>Opens RTP towards <paramref name="remote"/> with the negotiated payload type (0 PCMU, 8 PCMA) and starts the terminal.</summary>
    public void Start(IPEndPoint remote, int payloadType)
    {
        if (_terminal is not null)
        {
            throw new InvalidOperationException("the audio terminal was started already");
        }

        _law = payloadType == 8 ? G711Law.ALaw : G711Law.MuLaw;
        _payloadType = (byte)payloadType;
        _rtp = new RtpSession(new RtpSessionOptions(), _rtpSocket, _rtcpSocket, remote, null, this);
        _terminal = _engine.CreateAudioTerminal(_options);
        _registration = _clock.Register(this);
    }

    public void OnRtpPacket(in RtpHeader header, ReadOnlySpan<byte> payload)
    {
        if (header.PayloadType != _payloadType || payload.Length > _decoded.Length)
        {
            Interlocked.Increment(ref _otherPayloads);
            return;
        }

        G711Codec.Decode(_law, payload, _decoded);
        _jitter.Put(header.Timestamp, _decoded.AsSpan(0, payload.Length));
    }

    public void OnTick(in MediaTick tick)
    {
        if (_terminal is not { } terminal || _completed.Task.IsCompleted)
        {
            return;
        }

        try
        {
            _rtp!.Poll();
            _jitter.Get(_rx);
            terminal.ReceiveAudio(_rx);
            terminal.TransmitAudio(_tx);
            G711Codec.Encode(_law, _tx, _payload);
            _rtp.SendAudio(_payloadType, _payload, AudioFrame.Samples);
            if (terminal.IsComplete)
            {
                _completed.TrySetResult(terminal.Result!);
            }
        }
        catch (Exception e)
        {
            _completed.TrySetException(e);
        }
    }

    public void Dispose()
    {
        _registration?.Dispose();
        _terminal?.Dispose();
        if (_rtp is null)
        {
            _rtpSocket.Dispose();
            _rtcpSocket.Dispose();
        }
        else
        {
            _rtp.Dispose();
        }
    }

    private static Socket Bind()
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return socket;
    }
}
