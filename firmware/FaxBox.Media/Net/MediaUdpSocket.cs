using System.Net;
using System.Net.Sockets;

namespace FaxBox.Media.Net;

/// <summary>
/// A non-blocking UDP socket for the media thread with symmetric RTP/UDPTL latching (RFC 4961; "comedia" for NAT):
/// packets go to the address from signalling until the first packet arrives from the peer, then to where that packet
/// came from. After latching, packets from other sources are dropped and counted. Receive never blocks (it checks
/// <see cref="Socket.Available"/>) and neither path allocates: both use preallocated <see cref="SocketAddress"/>es.
/// </summary>
public sealed class MediaUdpSocket : IDisposable
{
    private readonly Socket _socket;
    private readonly SocketAddress _remote;
    private readonly SocketAddress _source;
    private readonly bool _latch;
    private readonly SocketAddress _local;
    private readonly Core.Capture.PacketTap? _tap;

    /// <summary>
    /// Wraps <paramref name="socket"/> (bound, owned from now on) sending to <paramref name="remote"/>; every datagram
    /// sent and accepted goes to <paramref name="tap"/> too (a packet capture; free while it does not capture).
    /// </summary>
    public MediaUdpSocket(Socket socket, IPEndPoint remote, bool latch, Core.Capture.PacketTap? tap = null)
    {
        ArgumentNullException.ThrowIfNull(socket);
        ArgumentNullException.ThrowIfNull(remote);
        _socket = socket;
        _socket.Blocking = false;
        _remote = remote.Serialize();
        _source = new SocketAddress(socket.AddressFamily);
        _latch = latch;
        LocalEndPoint = (IPEndPoint)socket.LocalEndPoint!;
        _local = LocalEndPoint.Serialize();
        _tap = tap;
    }

    /// <summary>
    /// Linux: asks the kernel to report ICMP errors (IP_RECVERR) on <paramref name="socket"/>, an unconnected UDP socket
    /// that otherwise never hears them: a datagram to a closed port then makes the next send fail with "connection
    /// refused", counted in <see cref="SendErrors"/> and <see cref="Refused"/>. Used where a dead peer must be noticed
    /// (the box's own fax terminal). False where it is not available.
    /// </summary>
    public static bool ReportUnreachable(Socket socket)
    {
        ArgumentNullException.ThrowIfNull(socket);
        if (!OperatingSystem.IsLinux() || socket.AddressFamily != AddressFamily.InterNetwork)
        {
            return false;
        }

        try
        {
            socket.SetRawSocketOption(0 /* IPPROTO_IP */, 11 /* IP_RECVERR */, [1, 0, 0, 0]);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    /// <summary>The bound local address and port (for SDP).</summary>
    public IPEndPoint LocalEndPoint { get; }

    /// <summary>True once the remote address was taken from a received packet.</summary>
    public bool Latched { get; private set; }

    /// <summary>Where packets go now.</summary>
    public IPEndPoint RemoteEndPoint => (IPEndPoint)new IPEndPoint(IPAddress.Any, 0).Create(_remote);

    /// <summary>Packets dropped because they came from somewhere other than the latched peer.</summary>
    public long ForeignPackets { get; private set; }

    /// <summary>Send errors (ICMP unreachable, no buffer); counted, never thrown on the media thread.</summary>
    public long SendErrors { get; private set; }

    /// <summary>Sends refused because the peer's port is closed (ICMP port unreachable; see <see cref="ReportUnreachable"/>).</summary>
    public long Refused { get; private set; }

    /// <summary>Datagrams received from the peer.</summary>
    public long Received { get; private set; }

    /// <summary>Sends one datagram to the current remote; false (counted) when the kernel refuses it.</summary>
    public bool Send(ReadOnlySpan<byte> datagram)
    {
        try
        {
            _socket.SendTo(datagram, SocketFlags.None, _remote);
            _tap?.Record(datagram, _local, _remote);
            return true;
        }
        catch (SocketException e)
        {
            SendErrors++;
            Refused += e.SocketErrorCode == SocketError.ConnectionRefused ? 1 : 0;
            return false;
        }
    }

    /// <summary>Receives one waiting datagram into <paramref name="buffer"/>; 0 when none is waiting. Applies latching.</summary>
    public int TryReceive(Span<byte> buffer)
    {
        while (_socket.Available > 0)
        {
            int n;
            try
            {
                n = _socket.ReceiveFrom(buffer, SocketFlags.None, _source);
            }
            catch (SocketException)
            {
                continue; // ICMP port unreachable surfaces here on Linux; the next datagram may be fine
            }

            if (!_source.Equals(_remote))
            {
                if (!_latch || Latched)
                {
                    ForeignPackets++;
                    continue;
                }

                _source.Buffer.Span.CopyTo(_remote.Buffer.Span);
            }

            Latched = true;
            Received++;
            _tap?.Record(buffer[..n], _source, _local);
            return n;
        }

        return 0;
    }

    /// <summary>Closes the socket.</summary>
    public void Dispose() => _socket.Dispose();
}
