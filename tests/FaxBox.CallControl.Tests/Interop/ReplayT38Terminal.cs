using System.Net;
using System.Net.Sockets;
using FaxBox.Core;
using FaxBox.Fax;
using FaxBox.Media.Udptl;
using FaxBox.Sip.Sdp;

namespace FaxBox.CallControl.Tests.Interop;

/// <summary>
/// The box's side of a replay over T.38: the engine's T.38 fax terminal on a real UDPTL socket on 127.0.0.1, driven by
/// a real-time 20 ms media clock (the far end is a recording that runs on the wall clock). The socket is bound at
/// construction so its port can go into SDP; <see cref="Start"/> opens the UDPTL session towards the address the
/// negotiated SDP gave and starts the terminal. <see cref="Completed"/> ends with the terminal's result (or the
/// exception a tick threw).
/// </summary>
internal sealed class ReplayT38Terminal : IMediaTickHandler, IUdptlIfpHandler, IIfpSink, IDisposable
{
    private readonly IFaxEngine _engine;
    private readonly FaxTerminalOptions _options;
    private readonly IMediaClock _clock;
    private readonly Socket _socket;
    private readonly TaskCompletionSource<FaxResult> _completed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly List<T30FrameEventArgs> _frames = [];
    private UdptlSession? _session;
    private IT38FaxTerminal? _terminal;
    private IDisposable? _registration;

    public ReplayT38Terminal(IFaxEngine engine, FaxTerminalOptions options, IMediaClock clock)
    {
        _engine = engine;
        _options = options;
        _clock = clock;
        _socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        _socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        LocalEndPoint = (IPEndPoint)_socket.LocalEndPoint!;
    }

    /// <summary>The UDPTL port for SDP <c>m=image</c>.</summary>
    public IPEndPoint LocalEndPoint { get; }

    /// <summary>Completes with the terminal's result once T.30 reached phase E (or the watchdog fired).</summary>
    public Task<FaxResult> Completed => _completed.Task;

    /// <summary>The UDPTL session once started.</summary>
    public UdptlSession? Session => _session;

    /// <summary>The T.38 terminal once started.</summary>
    public IT38FaxTerminal? Terminal => _terminal;

    /// <summary>Every T.30 frame the terminal sent or received, in order (read after <see cref="Completed"/>).</summary>
    public IReadOnlyList<T30FrameEventArgs> Frames => _frames;

    /// <summary>UDPTL settings from the negotiated T.38 session: the peer's datagram size and error correction.</summary>
    public static UdptlOptions UdptlFor(T38Session? t38) => new()
    {
        MaxDatagram = Math.Clamp(t38?.RemoteMaxDatagram ?? 400, 16, UdptlOptions.MaxUdpPayload),
        ErrorRecovery = t38?.ErrorCorrection == T38ErrorCorrection.Fec ? UdptlErrorRecovery.Fec : UdptlErrorRecovery.Redundancy,
    };

    /// <summary>Datagrams that were waiting on the socket when <see cref="Start"/> was told to discard them.</summary>
    public int DiscardedBeforeStart { get; private set; }

    /// <summary>
    /// Opens UDPTL towards <paramref name="remote"/>, creates the terminal and puts it on the clock. With
    /// <paramref name="discardQueued"/> the datagrams that arrived before are dropped (a terminal that was not listening
    /// yet); otherwise they are the first the session reads.
    /// </summary>
    public void Start(IPEndPoint remote, UdptlOptions udptl, bool discardQueued = false)
    {
        if (_terminal is not null)
        {
            throw new InvalidOperationException("the T.38 terminal was started already");
        }

        var scratch = new byte[UdptlOptions.MaxUdpPayload];
        while (discardQueued && _socket.Available > 0 && DiscardedBeforeStart < 100_000)
        {
            _socket.Receive(scratch);
            DiscardedBeforeStart++;
        }

        _session = new UdptlSession(udptl, _socket, remote, this);
        _terminal = _engine.CreateT38Terminal(_options, this);
        _terminal.Frame += (_, e) => _frames.Add(e);
        _registration = _clock.Register(this);
    }

    public void OnTick(in MediaTick tick)
    {
        if (_terminal is not { } terminal || _completed.Task.IsCompleted)
        {
            return;
        }

        try
        {
            _session!.Poll(tick.Due);
            terminal.Tick();
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

    public void OnIfp(ReadOnlySpan<byte> ifp, ushort sequence) => _terminal?.ReceiveIfp(ifp, sequence);

    public void SendIfp(ReadOnlySpan<byte> ifp, int repeatCount) => _session?.SendIfp(ifp, repeatCount);

    public void Dispose()
    {
        _registration?.Dispose();
        _terminal?.Dispose();
        if (_session is null)
        {
            _socket.Dispose();
        }
        else
        {
            _session.Dispose();
        }
    }
}
