using System.Net;
using System.Net.Sockets;
using FaxBox.Core;
using FaxBox.Media.Net;

namespace FaxBox.Media.Udptl;

/// <summary>
/// One UDPTL leg (ITU-T T.38 §9.1) on a UDP socket: <see cref="SendIfp"/> numbers and sends an IFP at once and paces the
/// extra copies the T.38 engine asks for (key-packet repetition) one per <see cref="UdptlOptions.RepeatSpacingTicks"/>;
/// <see cref="Poll"/> reads what arrived without blocking and hands recovered IFPs, in order, to the handler. Before the
/// first fax IFP it sends No-Op keep-alives (a <c>no-signal</c> indicator, as Asterisk does at seq 0) every
/// <see cref="UdptlOptions.KeepAliveInterval"/>, so a NAT or firewall opens before the fax starts; the socket latches to
/// the peer's real address (symmetric UDPTL). Belongs to the media thread; allocation-free after construction.
/// </summary>
public sealed class UdptlSession : IMediaTickHandler, IDisposable
{
    private const int RepeatSlots = 32;
    private static readonly byte[] NoSignal = [0x00];

    private readonly UdptlOptions _options;
    private readonly MediaUdpSocket _socket;
    private readonly UdptlEncoder _encoder;
    private readonly UdptlDecoder _decoder;
    private readonly byte[] _sendBuffer;
    private readonly byte[] _receiveBuffer = new byte[UdptlOptions.MaxUdpPayload + 64];
    private readonly UdptlSlotArena _repeatArena = new(RepeatSlots);
    private readonly int[] _repeatLength = new int[RepeatSlots];
    private readonly int[] _repeatLeft = new int[RepeatSlots];
    private readonly long[] _repeatDue = new long[RepeatSlots];
    private long _ticks;
    private bool _faxStarted;
    private TimeSpan _lastKeepAlive = TimeSpan.MinValue;
    private bool _disposed;

    /// <summary>Creates a session on a bound socket (owned from now on) sending to <paramref name="remote"/>.</summary>
    public UdptlSession(UdptlOptions options, Socket socket, IPEndPoint remote, IUdptlIfpHandler handler, bool latch = true, ushort firstSequence = 0, Core.Capture.PacketTap? tap = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
        _socket = new MediaUdpSocket(socket, remote, latch, tap);
        _encoder = new UdptlEncoder(options, firstSequence);
        _decoder = new UdptlDecoder(options, handler);
        _sendBuffer = new byte[UdptlOptions.MaxUdpPayload];
    }

    /// <summary>Binds a port from <paramref name="ports"/> and opens a session on it.</summary>
    public static UdptlSession Open(MediaPortAllocator ports, UdptlOptions options, IPEndPoint remote, IUdptlIfpHandler handler, bool latch = true)
    {
        ArgumentNullException.ThrowIfNull(ports);
        return new UdptlSession(options, ports.BindSingle(), remote, handler, latch, tap: ports.Tap);
    }

    /// <summary>Local address and port (for SDP <c>m=image</c>).</summary>
    public IPEndPoint LocalEndPoint => _socket.LocalEndPoint;

    /// <summary>Where datagrams go now.</summary>
    public IPEndPoint RemoteEndPoint => _socket.RemoteEndPoint;

    /// <summary>True once the peer's first datagram arrived.</summary>
    public bool Latched => _socket.Latched;

    /// <summary>The socket's liveness counters: datagrams received from the peer, sends it refused (ICMP port unreachable).</summary>
    public (long Received, long Refused) Liveness => (_socket.Received, _socket.Refused);

    /// <summary>Receive counters (recovered, lost, duplicates, late, malformed).</summary>
    public UdptlReceiveStatistics ReceiveStatistics => _decoder.Statistics;

    /// <summary>Send counters.</summary>
    public UdptlSendStatistics SendStatistics { get; } = new();

    /// <summary>The encoder (sequence number, trimmed entries).</summary>
    public UdptlEncoder Encoder => _encoder;

    /// <summary>
    /// Sends <paramref name="ifp"/> now and <paramref name="repeatCount"/> − 1 more copies of the same datagram on later
    /// ticks. False when the IFP is larger than the peer accepts (counted).
    /// </summary>
    public bool SendIfp(ReadOnlySpan<byte> ifp, int repeatCount = 1)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        _faxStarted = true;
        return SendCore(ifp, repeatCount);
    }

    /// <summary>Polls on every media tick.</summary>
    public void OnTick(in MediaTick tick) => Poll(tick.Due);

    /// <summary>Receives what is waiting, releases IFPs held past the reorder timeout, sends due repeats and keep-alives.</summary>
    public void Poll(TimeSpan now)
    {
        if (_disposed)
        {
            return;
        }

        _ticks++;
        int n;
        while ((n = _socket.TryReceive(_receiveBuffer)) > 0)
        {
            _decoder.Receive(_receiveBuffer.AsSpan(0, n), now);
        }

        _decoder.Poll(now);
        for (int slot = 0; slot < RepeatSlots; slot++)
        {
            if (_repeatLeft[slot] > 0 && _repeatDue[slot] <= _ticks)
            {
                _socket.Send(_repeatArena.Read(slot, _repeatLength[slot]));
                SendStatistics.Datagrams++;
                _repeatLeft[slot]--;
                _repeatDue[slot] = _ticks + _options.RepeatSpacingTicks;
            }
        }

        if (!_faxStarted && _options.KeepAliveInterval > TimeSpan.Zero && (_lastKeepAlive == TimeSpan.MinValue || now - _lastKeepAlive >= _options.KeepAliveInterval))
        {
            _lastKeepAlive = now;
            SendStatistics.KeepAlives++;
            SendCore(NoSignal, 1);
        }
    }

    /// <summary>Closes the socket.</summary>
    public void Dispose()
    {
        _disposed = true;
        _socket.Dispose();
    }

    private bool SendCore(ReadOnlySpan<byte> ifp, int repeatCount)
    {
        UdptlEncodeStatus status = _encoder.Encode(ifp, _sendBuffer, out int length);
        if (status != UdptlEncodeStatus.Ok)
        {
            SendStatistics.IfpsTooLarge++;
            return false;
        }

        SendStatistics.Ifps++;
        SendStatistics.Datagrams++;
        _socket.Send(_sendBuffer.AsSpan(0, length));
        if (repeatCount > 1)
        {
            int slot = Array.IndexOf(_repeatLeft, 0);
            if (slot < 0)
            {
                SendStatistics.RepeatsDropped++;
                return true;
            }

            _repeatArena.Store(slot, _sendBuffer.AsSpan(0, length));
            _repeatLength[slot] = length;
            _repeatLeft[slot] = repeatCount - 1;
            _repeatDue[slot] = _ticks + _options.RepeatSpacingTicks;
        }

        return true;
    }
}
