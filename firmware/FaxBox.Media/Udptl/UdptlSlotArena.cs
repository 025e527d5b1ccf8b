namespace FaxBox.Media.Udptl;

/// <summary>
/// A fixed number of equal byte slots in one array, for the UDPTL stores (received IFPs, FEC parity, sent IFPs kept for
/// redundancy, repeated datagrams). Slots start at <see cref="InitialSlotSize"/> octets and the whole arena grows (doubling,
/// contents kept) the first time something longer is stored: T.38 IFPs are tens of octets (a 14 400 bit/s image chunk of
/// 30 ms is 54), so a session keeps ~36 KB instead of ~215 KB with every slot sized for a 1472-octet datagram, and the
/// media path still allocates at most a few times per session, never per packet in steady state.
/// </summary>
internal sealed class UdptlSlotArena
{
    /// <summary>The slot size an arena starts with, octets.</summary>
    public const int InitialSlotSize = 256;

    /// <summary>
    /// The slot size the IFP stores start with, octets: an IFP of image data at 14 400 bit/s is a 54-octet chunk and a
    /// few octets of header, a T.30 control frame's IFP is shorter; a peer that packs more per IFP grows the store once.
    /// </summary>
    public const int IfpSlotSize = 128;

    private readonly int _slots;
    private byte[] _bytes;
    private int _slotSize;

    /// <summary>Creates <paramref name="slots"/> slots of <paramref name="initialSlotSize"/> octets.</summary>
    public UdptlSlotArena(int slots, int initialSlotSize = InitialSlotSize)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(slots);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(initialSlotSize);
        _slots = slots;
        _slotSize = initialSlotSize;
        _bytes = new byte[slots * initialSlotSize];
    }

    /// <summary>The current slot size, octets.</summary>
    public int SlotSize => _slotSize;

    /// <summary>Octets held by the arena.</summary>
    public int Capacity => _bytes.Length;

    /// <summary>The first <paramref name="length"/> octets of slot <paramref name="index"/> to write into; grows the arena first when they do not fit.</summary>
    public Span<byte> Write(int index, int length)
    {
        if (length > _slotSize)
        {
            Grow(length);
        }

        return _bytes.AsSpan(index * _slotSize, length);
    }

    /// <summary>Stores <paramref name="data"/> at the start of slot <paramref name="index"/>.</summary>
    public void Store(int index, ReadOnlySpan<byte> data) => data.CopyTo(Write(index, data.Length));

    /// <summary>The first <paramref name="length"/> octets of slot <paramref name="index"/> (at most the slot size).</summary>
    public Span<byte> Read(int index, int length) => _bytes.AsSpan(index * _slotSize, Math.Min(length, _slotSize));

    private void Grow(int length)
    {
        int size = _slotSize;
        while (size < length)
        {
            size *= 2;
        }

        var bytes = new byte[_slots * size];
        for (int i = 0; i < _slots; i++)
        {
            _bytes.AsSpan(i * _slotSize, _slotSize).CopyTo(bytes.AsSpan(i * size));
        }

        _bytes = bytes;
        _slotSize = size;
    }
}
