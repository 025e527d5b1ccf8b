using System.Net;
using System.Net.Sockets;

namespace FaxBox.Media.Net;

/// <summary>
/// Binds media sockets inside a <see cref="MediaPortRange"/>: an even RTP port with RTCP on the next odd one
/// (RFC 3550 §11), or one UDPTL port. Walks the range from where it last stopped, so consecutive calls do not reuse a
/// port the peer may still be sending to. Thread-safe; used at call setup, never on the media thread.
/// </summary>
public sealed class MediaPortAllocator
{
    /// <summary>The packet capture the call sockets bound from here report to (RTP, RTCP, UDPTL), or null.</summary>
    public Core.Capture.PacketTap? Tap { get; init; }

    private readonly MediaPortRange _range;
    private readonly IPAddress _address;
    private readonly Lock _lock = new();
    private int _next;

    /// <summary>Creates an allocator binding <paramref name="address"/> (for example 127.0.0.1 in tests, the LAN address on a box).</summary>
    public MediaPortAllocator(MediaPortRange range, IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(range);
        ArgumentNullException.ThrowIfNull(address);
        range.Validate();
        _range = range;
        _address = address;
        _next = range.MinPort + (Random.Shared.Next(0, (range.MaxPort - range.MinPort) / 2) * 2);
    }

    /// <summary>Binds an RTP/RTCP pair; throws <see cref="IOException"/> naming the range when every pair is taken.</summary>
    public (Socket Rtp, Socket Rtcp) BindRtpPair()
    {
        lock (_lock)
        {
            int pairs = (_range.MaxPort - _range.MinPort + 1) / 2;
            for (int attempt = 0; attempt < pairs; attempt++)
            {
                int port = Wrap(_next & ~1);
                _next = Wrap(port + 2);
                Socket? rtp = TryBind(port);
                if (rtp is null)
                {
                    continue;
                }

                Socket? rtcp = TryBind(port + 1);
                if (rtcp is not null)
                {
                    return (rtp, rtcp);
                }

                rtp.Dispose();
            }
        }

        throw new IOException($"no free RTP/RTCP port pair in {_range.MinPort}..{_range.MaxPort} on {_address}");
    }

    /// <summary>
    /// Binds what one fax-capable call needs before its mode is known: an RTP/RTCP pair and a UDPTL port (so both can go
    /// into SDP). Nothing stays bound when it throws <see cref="IOException"/> for an exhausted range.
    /// </summary>
    public (Socket Rtp, Socket Rtcp, Socket Udptl) BindCallSockets()
    {
        var (rtp, rtcp) = BindRtpPair();
        try
        {
            return (rtp, rtcp, BindSingle());
        }
        catch
        {
            rtp.Dispose();
            rtcp.Dispose();
            throw;
        }
    }

    /// <summary>Binds one port (UDPTL); throws <see cref="IOException"/> when the range is exhausted.</summary>
    public Socket BindSingle()
    {
        lock (_lock)
        {
            for (int attempt = 0; attempt <= _range.MaxPort - _range.MinPort; attempt++)
            {
                int port = Wrap(_next);
                _next = Wrap(port + 2);
                if (TryBind(port) is Socket socket)
                {
                    return socket;
                }
            }
        }

        throw new IOException($"no free UDP port in {_range.MinPort}..{_range.MaxPort} on {_address}");
    }

    private int Wrap(int port) => port + 1 > _range.MaxPort || port < _range.MinPort ? _range.MinPort + (_range.MinPort & 1) : port;

    private Socket? TryBind(int port)
    {
        var socket = new Socket(_address.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        try
        {
            socket.Bind(new IPEndPoint(_address, port));
            socket.Blocking = false;
            return socket;
        }
        catch (SocketException)
        {
            socket.Dispose();
            return null;
        }
    }
}
