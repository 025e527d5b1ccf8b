using FaxBox.Core.T38;
namespace FaxBox.Media.Udptl;

/// <summary>
/// The sending half of UDPTL (ITU-T T.38 §9.1): numbers IFPs, keeps the last <see cref="UdptlOptions.MaxHistory"/>
/// of them and builds each packet's error recovery. In redundancy mode every IFP is repeated by as many following
/// packets as its category asks (<see cref="UdptlOptions.ControlRedundancy"/> or <see cref="UdptlOptions.ImageRedundancy"/>):
/// a packet carries secondaries <c>seq−1 … seq−n</c> for the largest <c>n</c> whose IFP still needs a copy. In FEC
/// mode entry <c>m</c> of packet <c>seq</c> is the XOR (zero-padded to the longest) of IFPs <c>seq+m−j·entries</c>,
/// <c>j = 1..span</c>, the scheme spandsp and Asterisk use, wound up smoothly at the start. The peer's
/// <c>T38FaxMaxDatagram</c> is enforced by dropping the oldest recovery entries. Allocation-free after construction.
/// </summary>
public sealed class UdptlEncoder
{
    private const int Slots = 16;

    private readonly UdptlOptions _options;
    private readonly UdptlSlotArena _arena = new(Slots, UdptlSlotArena.IfpSlotSize);
    private readonly int[] _lengths = new int[Slots];
    private readonly int[] _depths = new int[Slots];
    private long _sent;

    /// <summary>Octets the IFP history holds now (for the memory tests).</summary>
    internal int HeldOctets => _arena.Capacity;

    /// <summary>Creates an encoder; <paramref name="options"/> are validated and read on every packet (the gateway may change depths mid-call).</summary>
    public UdptlEncoder(UdptlOptions options, ushort firstSequence = 0)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
        NextSequence = firstSequence;
    }

    /// <summary>The <c>seq-number</c> the next packet gets.</summary>
    public ushort NextSequence { get; private set; }

    /// <summary>Packets built.</summary>
    public long PacketsEncoded => _sent;

    /// <summary>Recovery entries left out of packets to respect <c>T38FaxMaxDatagram</c>.</summary>
    public long RecoveryEntriesTrimmed { get; private set; }

    /// <summary>IFPs refused because they alone exceed the peer's limit.</summary>
    public long IfpsTooLarge { get; private set; }

    /// <summary>The largest packet <see cref="Encode"/> may write: size <c>destination</c> with it.</summary>
    public int MaxPacketSize => _options.MaxDatagramInterpretation == UdptlMaxDatagramInterpretation.UdptlPacket ? _options.MaxDatagram : UdptlOptions.MaxUdpPayload;

    /// <summary>Numbers <paramref name="ifp"/> and writes its packet to <paramref name="destination"/> (at least <see cref="MaxPacketSize"/> octets).</summary>
    public UdptlEncodeStatus Encode(ReadOnlySpan<byte> ifp, Span<byte> destination, out int written)
    {
        written = 0;
        if (ifp.IsEmpty)
        {
            return UdptlEncodeStatus.EmptyIfp;
        }

        int limit = MaxPacketSize;
        bool tooLarge = _options.MaxDatagramInterpretation == UdptlMaxDatagramInterpretation.IfpSize
            ? ifp.Length > _options.MaxDatagram
            : UdptlCodec.HeaderSize(ifp.Length) + 2 > limit;
        if (tooLarge || ifp.Length > PerLength.Max)
        {
            IfpsTooLarge++;
            return UdptlEncodeStatus.IfpTooLargeForPeer;
        }

        if (destination.Length < limit)
        {
            throw new ArgumentException($"destination has {destination.Length} octets, the encoder may write {limit}", nameof(destination));
        }

        ushort sequence = NextSequence;
        int slot = sequence % Slots;
        _arena.Store(slot, ifp);
        _lengths[slot] = ifp.Length;
        _depths[slot] = T38IfpReader.IsControl(ifp) ? _options.ControlRedundancy : _options.ImageRedundancy;
        int available = (int)Math.Min(_sent, UdptlOptions.MaxHistory);

        int offset = UdptlCodec.WriteHeader(destination, sequence, ifp);
        written = _options.ErrorRecovery == UdptlErrorRecovery.Fec
            ? WriteFec(destination, offset, sequence, available, limit)
            : WriteRedundancy(destination, offset, sequence, available, limit);
        NextSequence = unchecked((ushort)(sequence + 1));
        _sent++;
        return UdptlEncodeStatus.Ok;
    }

    private int WriteRedundancy(Span<byte> destination, int offset, ushort sequence, int available, int limit)
    {
        int count = 0;
        for (int k = 1; k <= available; k++)
        {
            if (_depths[(sequence - k) & (Slots - 1)] >= k)
            {
                count = k;
            }
        }

        int size = offset + 1 + PerLength.Size(count);
        int fitting = 0;
        for (int k = 1; k <= count; k++)
        {
            int entry = UdptlCodec.EntrySize(_lengths[(sequence - k) & (Slots - 1)]);
            if (size + entry > limit)
            {
                break;
            }

            size += entry;
            fitting = k;
        }

        RecoveryEntriesTrimmed += count - fitting;
        UdptlCodec.WriteRedundancyStart(destination, ref offset, fitting);
        for (int k = 1; k <= fitting; k++)
        {
            int s = (sequence - k) & (Slots - 1);
            UdptlCodec.WriteOpenType(destination, ref offset, _arena.Read(s, _lengths[s]));
        }

        return offset;
    }

    private int WriteFec(Span<byte> destination, int offset, ushort sequence, int available, int limit)
    {
        int span = _options.FecSpan;
        int entries = Math.Min(_options.FecEntries, available / span);
        int wanted = entries;
        while (entries > 0 && offset + 4 + FecSize(sequence, span, entries) > limit)
        {
            entries--;
        }

        RecoveryEntriesTrimmed += wanted - entries;
        UdptlCodec.WriteFecStart(destination, ref offset, entries == 0 ? 0 : span, entries);
        for (int m = 0; m < entries; m++)
        {
            int length = FecEntryLength(sequence, span, entries, m);
            PerLength.Write(destination, ref offset, length);
            Span<byte> parity = destination.Slice(offset, length);
            parity.Clear();
            for (int j = 1; j <= span; j++)
            {
                int s = (sequence + m - (j * entries)) & (Slots - 1);
                ReadOnlySpan<byte> ifp = _arena.Read(s, _lengths[s]);
                for (int i = 0; i < ifp.Length; i++)
                {
                    parity[i] ^= ifp[i];
                }
            }

            offset += length;
        }

        return offset;
    }

    private int FecSize(ushort sequence, int span, int entries)
    {
        int size = 0;
        for (int m = 0; m < entries; m++)
        {
            size += UdptlCodec.EntrySize(FecEntryLength(sequence, span, entries, m));
        }

        return size;
    }

    private int FecEntryLength(ushort sequence, int span, int entries, int m)
    {
        int length = 0;
        for (int j = 1; j <= span; j++)
        {
            length = Math.Max(length, _lengths[(sequence + m - (j * entries)) & (Slots - 1)]);
        }

        return length;
    }
}
