using FaxBox.Fax;

namespace FaxBox.Benchmarks;

/// <summary>
/// In-process T.38 for one direction, as spandsp_bench.c's ifp_queue_t: a preallocated ring of IFP slots. Each IFP the
/// engine sends is copied in once with the next sequence number (the repeat count is ignored: the receiving core would
/// drop the copies as duplicates). Nothing here allocates after construction.
/// </summary>
internal sealed class IfpQueue : IIfpSink
{
    private const int Slots = 4096;
    private const int MaxBytes = 1024;

    private readonly byte[] _buffer = new byte[Slots * MaxBytes];
    private readonly int[] _lengths = new int[Slots];
    private readonly ushort[] _sequence = new ushort[Slots];
    private uint _head;      // next to deliver
    private ushort _nextSeq; // sequence number given to the next IFP sent

    /// <summary>Next free slot; a frame delivers up to the value this had when the frame started.</summary>
    public uint Tail { get; private set; }

    public long Ifps { get; private set; }

    public long Bytes { get; private set; }

    public bool Overflowed { get; private set; }

    public void SendIfp(ReadOnlySpan<byte> ifp, int repeatCount)
    {
        if (Tail - _head >= Slots || ifp.Length > MaxBytes)
        {
            Overflowed = true;
            return;
        }

        var slot = (int)(Tail % Slots);
        _sequence[slot] = _nextSeq++;
        _lengths[slot] = ifp.Length;
        ifp.CopyTo(_buffer.AsSpan(slot * MaxBytes, MaxBytes));
        Tail++;
        Ifps++;
        Bytes += ifp.Length;
    }

    /// <summary>Feeds the gateway the IFPs queued before this frame started (up to <paramref name="until"/>), in order.</summary>
    public void DeliverTo(IT38Gateway gateway, uint until)
    {
        while (_head != until)
        {
            var slot = (int)(_head % Slots);
            gateway.ReceiveIfp(_buffer.AsSpan(slot * MaxBytes, _lengths[slot]), _sequence[slot]);
            _head++;
        }
    }

    /// <summary>Feeds the terminal the IFPs queued before this frame started (up to <paramref name="until"/>), in order.</summary>
    public void DeliverTo(IT38FaxTerminal terminal, uint until)
    {
        while (_head != until)
        {
            var slot = (int)(_head % Slots);
            terminal.ReceiveIfp(_buffer.AsSpan(slot * MaxBytes, _lengths[slot]), _sequence[slot]);
            _head++;
        }
    }
}
