using FaxBox.Fax;

namespace FaxBox.Host.Diagnostics;

/// <summary>
/// One direction of a T.38 leg, modelled on UDPTL (ITU-T T.38 §9.1): every IFP gets the next sequence number; each
/// datagram carries it and the <c>redundancy</c> IFPs before it; the engine's repeat count becomes that many copies
/// of the datagram; each copy is lost independently with the given probability; the receiver delivers every IFP
/// it can recover, in sequence order, exactly once, one tick (20 ms) after it was sent.
/// </summary>
internal sealed class T38Link : IIfpSink
{
    private readonly double _loss;
    private readonly int _redundancy;
    private readonly Random _random;
    private readonly List<byte[]> _history = [];
    private readonly Queue<(ushort Seq, int Depth)> _inFlight = new();
    private int _nextSequence;
    private int _nextDelivered;

    public T38Link(double lossPercent, int redundancy, Random random)
    {
        _loss = lossPercent / 100.0;
        _redundancy = redundancy;
        _random = random;
    }

    /// <summary>Datagrams put on the wire (copies included).</summary>
    public long DatagramsSent { get; private set; }

    /// <summary>Datagrams the loss model dropped.</summary>
    public long DatagramsLost { get; private set; }

    /// <summary>IFPs that reached the receiver only through a later datagram's redundancy.</summary>
    public long RecoveredByRedundancy { get; private set; }

    /// <summary>IFPs that never reached the receiver.</summary>
    public long IfpsLost { get; private set; }

    public void SendIfp(ReadOnlySpan<byte> ifp, int repeatCount)
    {
        var seq = _nextSequence++;
        _history.Add(ifp.ToArray());
        for (var copy = 0; copy < Math.Max(1, repeatCount); copy++)
        {
            DatagramsSent++;
            if (_loss > 0 && _random.NextDouble() < _loss)
            {
                DatagramsLost++;
                continue;
            }

            _inFlight.Enqueue(((ushort)seq, _redundancy));
        }
    }

    /// <summary>Delivers what arrived during the last tick to the receiving side.</summary>
    public void Deliver(Action<byte[], ushort> receive)
    {
        while (_inFlight.TryDequeue(out var datagram))
        {
            // Datagrams arrive in order, so once this one (primary plus its redundancy window) is read, any IFP
            // still missing below the primary can never be recovered: deliver everything up to it, counting gaps.
            var primary = UnwrapSequence(datagram.Seq);
            if (primary < _nextDelivered)
            {
                continue; // a repeated copy of something already delivered
            }

            for (var s = Math.Max(_nextDelivered, primary - datagram.Depth); s <= primary; s++)
            {
                if (s != primary)
                {
                    RecoveredByRedundancy++;
                }

                IfpsLost += s - _nextDelivered;
                receive(_history[s], (ushort)s);
                _nextDelivered = s + 1;
            }
        }
    }

    private int UnwrapSequence(ushort seq)
    {
        // Sequence numbers wrap at 65536; the history index is the unwrapped count.
        var baseCount = _nextSequence - (_nextSequence & 0xFFFF);
        var candidate = baseCount + seq;
        return candidate >= _nextSequence ? candidate - 65536 : candidate;
    }
}
