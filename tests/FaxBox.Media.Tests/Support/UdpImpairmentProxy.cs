using System.Net;
using System.Net.Sockets;

namespace FaxBox.Media.Tests.Support;

/// <summary>
/// An in-process network impairment between two loopback sockets: forwards each datagram from side A to side B with
/// seeded random loss (independent, or Gilbert–Elliott bursts), duplication, reordering (holding a packet back behind
/// the next ones) and jitter counted in pump steps. No threads: the test calls <see cref="Pump"/>.
/// </summary>
public sealed class UdpImpairmentProxy : IDisposable
{
    private readonly Socket _socket;
    private readonly IPEndPoint _target;
    private readonly Random _random;
    private readonly List<(int Due, byte[] Data)> _held = [];
    private readonly byte[] _buffer = new byte[2048];
    private bool _inBurst;
    private int _step;

    public UdpImpairmentProxy(IPEndPoint target, int seed)
    {
        _target = target;
        _random = new Random(seed);
        _socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        _socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        _socket.Blocking = false;
    }

    public IPEndPoint EndPoint => (IPEndPoint)_socket.LocalEndPoint!;

    public double Loss { get; init; }

    /// <summary>Gilbert–Elliott: probability of entering a burst after a good packet (0 = independent loss only).</summary>
    public double BurstStart { get; init; }

    /// <summary>Probability of leaving a burst after a lost packet.</summary>
    public double BurstEnd { get; init; } = 0.5;

    public double Duplicate { get; init; }

    public double Reorder { get; init; }

    /// <summary>Maximum extra delay in pump steps (uniform 0..n).</summary>
    public int JitterSteps { get; init; }

    public int Forwarded { get; private set; }

    public int Dropped { get; private set; }

    public int Duplicated { get; private set; }

    public int Reordered { get; private set; }

    /// <summary>Reads what arrived and forwards what is due. Returns the datagrams read.</summary>
    public int Pump()
    {
        _step++;
        int read = 0;
        EndPoint from = new IPEndPoint(IPAddress.Any, 0);
        while (_socket.Available > 0)
        {
            int n = _socket.ReceiveFrom(_buffer, ref from);
            read++;
            byte[] data = _buffer[..n];
            if (IsLost())
            {
                Dropped++;
                continue;
            }

            int delay = JitterSteps > 0 ? _random.Next(0, JitterSteps + 1) : 0;
            if (Reorder > 0 && _random.NextDouble() < Reorder)
            {
                delay += 2;
                Reordered++;
            }

            _held.Add((_step + delay, data));
            if (Duplicate > 0 && _random.NextDouble() < Duplicate)
            {
                Duplicated++;
                _held.Add((_step + delay, data));
            }
        }

        for (int i = 0; i < _held.Count; i++)
        {
            if (_held[i].Due <= _step)
            {
                _socket.SendTo(_held[i].Data, _target);
                Forwarded++;
                _held.RemoveAt(i);
                i--;
            }
        }

        return read;
    }

    public bool Idle => _held.Count == 0 && _socket.Available == 0;

    public void Dispose() => _socket.Dispose();

    private bool IsLost()
    {
        if (BurstStart > 0)
        {
            _inBurst = _inBurst ? _random.NextDouble() >= BurstEnd : _random.NextDouble() < BurstStart;
            if (_inBurst)
            {
                return true;
            }
        }

        return Loss > 0 && _random.NextDouble() < Loss;
    }
}
