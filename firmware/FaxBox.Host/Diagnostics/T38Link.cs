using FaxBox.Fax;
using FaxBox.Media.Udptl;

namespace FaxBox.Host.Diagnostics;

/// <summary>
/// One direction of a T.38 leg through FaxBox's real UDPTL (ITU-T T.38 §9.1): every IFP goes through
/// <see cref="UdptlEncoder"/> (sequence number, <c>redundancy</c> secondary IFPs); the engine's repeat count becomes that
/// many copies of the datagram; each copy is lost independently with the given probability; the surviving datagrams
/// reach a <see cref="UdptlDecoder"/> one tick (20 ms) after they were sent, which recovers what it can from
/// redundancy and delivers every IFP in sequence order, exactly once.
/// </summary>
internal sealed class T38Link : IIfpSink, IUdptlIfpHandler
{
    private readonly double _loss;
    private readonly Random _random;
    private readonly UdptlEncoder _encoder;
    private readonly UdptlDecoder _decoder;
    private readonly byte[] _buffer;
    private readonly Queue<byte[]> _inFlight = new();
    private readonly List<(byte[] Ifp, ushort Seq)> _arrived = [];
    private long _ticks;

    public T38Link(double lossPercent, int redundancy, Random random)
    {
        _loss = lossPercent / 100.0;
        _random = random;
        var options = new UdptlOptions
        {
            ControlRedundancy = redundancy,
            ImageRedundancy = redundancy,
            MaxDatagram = UdptlOptions.MaxUdpPayload,
            ReorderTimeout = TimeSpan.Zero, // datagrams arrive in order here: a gap is final once a later one is read
        };
        _encoder = new UdptlEncoder(options);
        _decoder = new UdptlDecoder(options, this, firstSequence: 0);
        _buffer = new byte[_encoder.MaxPacketSize];
    }

    /// <summary>Datagrams put on the wire (copies included).</summary>
    public long DatagramsSent { get; private set; }

    /// <summary>Datagrams the loss model dropped.</summary>
    public long DatagramsLost { get; private set; }

    /// <summary>IFPs that reached the receiver only through a later datagram's redundancy.</summary>
    public long RecoveredByRedundancy => _decoder.Statistics.RecoveredByRedundancy;

    /// <summary>IFPs that never reached the receiver.</summary>
    public long IfpsLost => _decoder.Statistics.IfpsLost;

    public void SendIfp(ReadOnlySpan<byte> ifp, int repeatCount)
    {
        if (_encoder.Encode(ifp, _buffer, out int length) != UdptlEncodeStatus.Ok)
        {
            throw new InvalidOperationException($"the T.38 engine produced an IFP of {ifp.Length} octets that UDPTL cannot carry");
        }

        for (var copy = 0; copy < Math.Max(1, repeatCount); copy++)
        {
            DatagramsSent++;
            if (_loss > 0 && _random.NextDouble() < _loss)
            {
                DatagramsLost++;
                continue;
            }

            _inFlight.Enqueue(_buffer[..length]);
        }
    }

    /// <summary>Delivers what arrived during the last tick to the receiving side.</summary>
    public void Deliver(Action<byte[], ushort> receive)
    {
        _ticks++;
        while (_inFlight.TryDequeue(out var datagram))
        {
            _decoder.Receive(datagram, TimeSpan.FromMilliseconds(20 * _ticks));
        }

        foreach (var (ifp, seq) in _arrived)
        {
            receive(ifp, seq);
        }

        _arrived.Clear();
    }

    void IUdptlIfpHandler.OnIfp(ReadOnlySpan<byte> ifp, ushort sequence) => _arrived.Add((ifp.ToArray(), sequence));
}
