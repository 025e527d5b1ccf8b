using System.Net;
using System.Net.Sockets;

namespace FaxBox.CallControl.Tests.Bridging;

/// <summary>
/// A UDP relay on 127.0.0.1 between two media endpoints that drops each datagram with a fixed probability and holds each
/// one it forwards for 0 to <c>maxDelayTicks</c> pumps (seeded, so a run is repeatable; a delay can reorder): A sends
/// to <see cref="ForA"/>, B to <see cref="ForB"/>. Pumped from the test's tick loop.
/// </summary>
internal sealed class LossyRelay : IDisposable
{
    private readonly Socket _facingA = Bind();
    private readonly Socket _facingB = Bind();
    private readonly IPEndPoint _a;
    private readonly IPEndPoint _b;
    private readonly double _loss;
    private readonly Random _random;
    private readonly byte[] _buffer = new byte[2048];
    private readonly int _maxDelayTicks;
    private readonly List<(long Due, Socket From, IPEndPoint To, byte[] Datagram)> _held = [];
    private long _ticks;

    public LossyRelay(IPEndPoint a, IPEndPoint b, double lossPercent, int seed, int maxDelayTicks = 0)
    {
        _a = a;
        _b = b;
        _loss = lossPercent / 100;
        _random = new Random(seed);
        _maxDelayTicks = maxDelayTicks;
    }

    public IPEndPoint ForA => (IPEndPoint)_facingA.LocalEndPoint!;

    public IPEndPoint ForB => (IPEndPoint)_facingB.LocalEndPoint!;

    public long Forwarded { get; private set; }

    public long Dropped { get; private set; }

    /// <summary>Datagrams held back by at least one pump.</summary>
    public long Delayed { get; private set; }

    /// <summary>Forwards (or drops) everything waiting, both ways, and sends what was held and is now due.</summary>
    public void Pump()
    {
        _ticks++;
        Forward(_facingA, _facingB, _b);
        Forward(_facingB, _facingA, _a);
        for (int i = 0; i < _held.Count; i++)
        {
            if (_held[i].Due <= _ticks)
            {
                _held[i].From.SendTo(_held[i].Datagram, SocketFlags.None, _held[i].To);
                _held.RemoveAt(i--);
            }
        }
    }

    public void Dispose()
    {
        _facingA.Dispose();
        _facingB.Dispose();
    }

    private static Socket Bind()
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp) { Blocking = false };
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return socket;
    }

    private void Forward(Socket from, Socket to, IPEndPoint destination)
    {
        for (int i = 0; i < 1000 && from.Available > 0; i++)
        {
            int n = from.Receive(_buffer);
            if (_random.NextDouble() < _loss)
            {
                Dropped++;
                continue;
            }

            Forwarded++;
            int delay = _maxDelayTicks > 0 ? _random.Next(_maxDelayTicks + 1) : 0;
            if (delay > 0)
            {
                Delayed++;
                _held.Add((_ticks + delay, to, destination, _buffer.AsSpan(0, n).ToArray()));
                continue;
            }

            to.SendTo(_buffer.AsSpan(0, n), SocketFlags.None, destination);
        }
    }
}
