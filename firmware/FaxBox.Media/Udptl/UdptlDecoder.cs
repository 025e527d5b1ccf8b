using FaxBox.Core.T38;
namespace FaxBox.Media.Udptl;

/// <summary>
/// The receiving half of UDPTL (ITU-T T.38 §9.1): decodes packets, stores primaries and whatever the error recovery
/// (secondary IFPs, or FEC parity repaired by XOR) brings back, and delivers IFPs to the handler in sequence order,
/// each exactly once. Duplicates are dropped; a reordered packet is awaited for <see cref="UdptlOptions.ReorderTimeout"/>
/// before the missing IFP is declared lost; late packets (for IFPs already given up) are dropped and counted.
/// Sequence numbers are unwrapped across 65535 → 0. Allocation-free after construction, except that the FEC parity
/// store is made when the first FEC datagram arrives (a session with redundancy, the usual case, never needs it).
/// </summary>
public sealed class UdptlDecoder
{
    private const int Slots = 64;
    private const int FecRecords = 4;
    private const int MaxFecEntries = 8;

    private readonly UdptlOptions _options;
    private readonly IUdptlIfpHandler _handler;
    private readonly UdptlSlotArena _arena = new(Slots, UdptlSlotArena.IfpSlotSize);
    private readonly int[] _lengths = new int[Slots];
    private readonly long[] _tags = new long[Slots];
    private UdptlSlotArena? _fecArena;
    private readonly int[] _fecLengths = new int[FecRecords * MaxFecEntries];
    private readonly long[] _fecSequence = new long[FecRecords];
    private readonly int[] _fecSpan = new int[FecRecords];
    private readonly int[] _fecEntries = new int[FecRecords];
    private int _fecNext;
    private bool _started;
    private long _next;
    private long _highest;
    private TimeSpan _heldSince;
    private bool _holding;
    private readonly int _firstSequence;

    /// <summary>
    /// Creates a decoder delivering to <paramref name="handler"/>. With <paramref name="firstSequence"/> (T.38 stacks start
    /// at 0) IFPs lost before the first datagram that arrives count as lost; without it the stream starts at the oldest
    /// IFP the first datagram carries.
    /// </summary>
    public UdptlDecoder(UdptlOptions options, IUdptlIfpHandler handler, ushort? firstSequence = null)
    {
        _firstSequence = firstSequence ?? -1;
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(handler);
        options.Validate();
        _options = options;
        _handler = handler;
        Array.Fill(_tags, long.MinValue);
        Array.Fill(_fecSequence, long.MinValue);
    }

    /// <summary>Octets the IFP and FEC stores hold now (for the memory tests).</summary>
    internal int HeldOctets => _arena.Capacity + (_fecArena?.Capacity ?? 0);

    /// <summary>Counters of this receiver.</summary>
    public UdptlReceiveStatistics Statistics { get; } = new();

    /// <summary>Takes one datagram received at <paramref name="now"/>; false (counted in <see cref="UdptlReceiveStatistics.Malformed"/>) when it does not decode.</summary>
    public bool Receive(ReadOnlySpan<byte> datagram, TimeSpan now)
    {
        if (!UdptlCodec.TryDecode(datagram, out UdptlPacket packet, out UdptlDecodeError error))
        {
            Statistics.Malformed++;
            Statistics.LastError = error;
            return false;
        }

        Statistics.Datagrams++;
        long seq;
        if (!_started)
        {
            _started = true;
            seq = packet.Sequence + 65536L;
            _next = seq - (packet.Mode == UdptlErrorRecovery.Redundancy ? packet.RecoveryCount : 0);
            if (_firstSequence >= 0)
            {
                long first = _firstSequence + 65536L;
                first -= first > seq ? 65536 : 0;
                _next = seq - first < Slots / 2 ? Math.Min(_next, first) : _next;
            }
            _highest = seq;
        }
        else
        {
            seq = Unwrap(packet.Sequence);
        }

        if (seq < _highest)
        {
            Statistics.OutOfOrder++;
        }

        if (Has(seq))
        {
            Statistics.Duplicates++;
            return true;
        }

        if (seq < _next)
        {
            Statistics.Late++;
            return true;
        }

        // Keep the window inside the ring: give up on what a far jump leaves behind.
        while (seq - _next >= Slots / 2)
        {
            DeliverOrLose();
        }

        _highest = Math.Max(_highest, seq);
        Store(seq, packet.Primary);
        if (packet.Mode == UdptlErrorRecovery.Redundancy)
        {
            long s = seq - 1;
            foreach (ReadOnlySpan<byte> secondary in packet.Recovery)
            {
                if (s >= _next && !Has(s) && !secondary.IsEmpty)
                {
                    Store(s, secondary);
                    Statistics.RecoveredByRedundancy++;
                }

                s--;
            }
        }
        else
        {
            SaveFec(seq, packet);
            RepairFromFec();
        }

        Deliver(now);
        return true;
    }

    /// <summary>Delivers IFPs held behind a gap whose <see cref="UdptlOptions.ReorderTimeout"/> has run out; call once per tick.</summary>
    public void Poll(TimeSpan now) => Deliver(now);

    private void Deliver(TimeSpan now)
    {
        while (_started)
        {
            if (Has(_next))
            {
                DeliverOrLose();
                _holding = false;
                continue;
            }

            if (_highest < _next)
            {
                return;
            }

            if (!_holding)
            {
                _holding = true;
                _heldSince = now;
            }

            if (now - _heldSince < _options.ReorderTimeout)
            {
                return;
            }

            DeliverOrLose(); // declares _next lost; the rest of the gap was held as long, so keep skipping
        }
    }

    private void DeliverOrLose()
    {
        if (Has(_next))
        {
            int slot = (int)(_next & (Slots - 1));
            Statistics.IfpsDelivered++;
            _handler.OnIfp(_arena.Read(slot, _lengths[slot]), (ushort)_next);
        }
        else
        {
            Statistics.IfpsLost++;
        }

        _next++;
    }

    private bool Has(long seq) => _tags[seq & (Slots - 1)] == seq;

    private void Store(long seq, ReadOnlySpan<byte> ifp)
    {
        int slot = (int)(seq & (Slots - 1));
        int length = Math.Min(ifp.Length, UdptlOptions.MaxUdpPayload);
        _arena.Store(slot, ifp[..length]);
        _lengths[slot] = length;
        _tags[slot] = seq;
    }

    private long Unwrap(ushort sequence)
    {
        long candidate = (_highest & ~0xFFFFL) | sequence;
        if (candidate - _highest > 32768)
        {
            candidate -= 65536;
        }
        else if (_highest - candidate > 32768)
        {
            candidate += 65536;
        }

        return candidate;
    }

    private void SaveFec(long seq, UdptlPacket packet)
    {
        int entries = Math.Min(packet.RecoveryCount, MaxFecEntries);
        if (entries == 0 || packet.FecSpan == 0)
        {
            return;
        }

        int record = _fecNext;
        _fecNext = (_fecNext + 1) % FecRecords;
        _fecSequence[record] = seq;
        _fecSpan[record] = packet.FecSpan;
        _fecEntries[record] = entries;
        int m = 0;
        foreach (ReadOnlySpan<byte> entry in packet.Recovery)
        {
            if (m == entries)
            {
                break;
            }

            int index = (record * MaxFecEntries) + m;
            int length = Math.Min(entry.Length, UdptlOptions.MaxUdpPayload);
            (_fecArena ??= new UdptlSlotArena(FecRecords * MaxFecEntries)).Store(index, entry[..length]);
            _fecLengths[index] = length;
            m++;
        }
    }

    private void RepairFromFec()
    {
        // Each repair can make another entry solvable; a few passes over the stored records settle it.
        for (int pass = 0; pass < 4; pass++)
        {
            bool repaired = false;
            for (int r = 0; r < FecRecords; r++)
            {
                long q = _fecSequence[r];
                if (q == long.MinValue || q - _next >= Slots / 2)
                {
                    continue;
                }

                for (int m = 0; m < _fecEntries[r]; m++)
                {
                    repaired |= TryRepair(r, m);
                }
            }

            if (!repaired)
            {
                return;
            }
        }
    }

    private bool TryRepair(int record, int m)
    {
        long q = _fecSequence[record];
        int span = _fecSpan[record];
        int entries = _fecEntries[record];
        long missing = long.MinValue;
        for (int j = 1; j <= span; j++)
        {
            long c = q + m - (j * entries);
            if (!Has(c))
            {
                if (missing != long.MinValue || c < _next || q - c >= Slots)
                {
                    return false;
                }

                missing = c;
            }
        }

        if (missing == long.MinValue)
        {
            return false;
        }

        int index = (record * MaxFecEntries) + m;
        int length = _fecLengths[index];
        int slot = (int)(missing & (Slots - 1));
        Span<byte> target = _arena.Write(slot, length);
        _fecArena!.Read(index, length).CopyTo(target);
        for (int j = 1; j <= span; j++)
        {
            long c = q + m - (j * entries);
            if (c == missing)
            {
                continue;
            }

            int other = (int)(c & (Slots - 1));
            ReadOnlySpan<byte> ifp = _arena.Read(other, Math.Min(_lengths[other], length));
            for (int i = 0; i < ifp.Length; i++)
            {
                target[i] ^= ifp[i];
            }
        }

        // Parity is as long as the longest IFP it covers; the IFP's own encoding says where it really ends.
        int natural = T38IfpReader.MeasureLength(target, _options.Asn1Variant);
        _lengths[slot] = natural > 0 ? natural : length;
        _tags[slot] = missing;
        Statistics.RecoveredByFec++;
        return true;
    }
}
