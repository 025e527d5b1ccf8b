using System.Net;
using System.Net.Sockets;

namespace FaxBox.Media.Net;

/// <summary>
/// A network impairment for demonstrations and tests: a UDP relay on the media address, put between one of the box's
/// media sockets and its peer, that drops each datagram (both ways) with a fixed probability from a seeded generator,
/// so a run is repeatable. The box sends to <see cref="Route"/>'s answer; the peer, latching symmetrically, answers the
/// relay. Pumped from the media thread without blocking or allocating.
/// </summary>
public sealed class LossyUdpRelay : IDisposable
{
    private readonly Socket _facingBox;
    private readonly Socket _facingPeer;
    private readonly SocketAddress _box;
    private readonly Random _random;
    private readonly double _loss;
    private readonly byte[] _buffer = new byte[UdpMaxDatagram];
    private SocketAddress? _peer;
    private readonly SocketAddress _from;

    private const int UdpMaxDatagram = 65_507;

    /// <summary>A relay for the box's socket at <paramref name="box"/>, dropping <paramref name="lossPercent"/> % of datagrams.</summary>
    public LossyUdpRelay(IPEndPoint box, double lossPercent, int seed)
    {
        ArgumentNullException.ThrowIfNull(box);
        ArgumentOutOfRangeException.ThrowIfNegative(lossPercent);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(lossPercent, 100);
        _box = box.Serialize();
        _loss = lossPercent / 100;
        _random = new Random(seed);
        _facingBox = Bind(box.Address);
        _facingPeer = Bind(box.Address);
        _from = new IPEndPoint(box.AddressFamily == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any, 0).Serialize();
    }

    /// <summary>Datagrams passed on.</summary>
    public long Forwarded { get; private set; }

    /// <summary>Datagrams dropped.</summary>
    public long Dropped { get; private set; }

    /// <summary>Relays to <paramref name="peer"/> from now on; returns where the box must send instead.</summary>
    public IPEndPoint Route(IPEndPoint peer)
    {
        ArgumentNullException.ThrowIfNull(peer);
        _peer = peer.Serialize();
        return (IPEndPoint)_facingBox.LocalEndPoint!;
    }

    /// <summary>Forwards or drops everything waiting, both ways (at most 64 datagrams each way per call).</summary>
    public void Pump()
    {
        if (_peer is { } peer)
        {
            Forward(_facingBox, _facingPeer, peer);
            Forward(_facingPeer, _facingBox, _box);
        }
    }

    public void Dispose()
    {
        _facingBox.Dispose();
        _facingPeer.Dispose();
    }

    private static Socket Bind(IPAddress address)
    {
        var socket = new Socket(address.AddressFamily, SocketType.Dgram, ProtocolType.Udp) { Blocking = false };
        socket.Bind(new IPEndPoint(address, 0));
        return socket;
    }

    private void Forward(Socket from, Socket to, SocketAddress destination)
    {
        for (var i = 0; i < 64 && from.Available > 0; i++)
        {
            int n;
            try
            {
                n = from.ReceiveFrom(_buffer, SocketFlags.None, _from);
            }
            catch (SocketException)
            {
                return; // ICMP port unreachable from an earlier send, or nothing after all.
            }

            if (_random.NextDouble() < _loss)
            {
                Dropped++;
                continue;
            }

            try
            {
                to.SendTo(_buffer.AsSpan(0, n), SocketFlags.None, destination);
                Forwarded++;
            }
            catch (SocketException)
            {
                Dropped++;
            }
        }
    }
}
