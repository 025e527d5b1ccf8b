namespace FaxBox.Media.G711;

/// <summary>
/// Walks a G.711 octet stream in whole packets; returned by <see cref="G711Framing.EnumeratePackets"/>.
/// Usable in <c>foreach</c>.
/// </summary>
public ref struct G711PacketEnumerator
{
    private readonly ReadOnlySpan<byte> _payload;
    private readonly int _packetOctets;
    private int _offset;

    internal G711PacketEnumerator(ReadOnlySpan<byte> payload, int packetOctets)
    {
        _payload = payload;
        _packetOctets = packetOctets;
        _offset = -packetOctets;
    }

    /// <summary>The current packet.</summary>
    public readonly ReadOnlySpan<byte> Current => _payload.Slice(_offset, _packetOctets);

    /// <summary>The octets after the last whole packet (shorter than one packet; empty when the payload divides evenly).</summary>
    public readonly ReadOnlySpan<byte> Remainder => _payload[(_payload.Length - (_payload.Length % _packetOctets))..];

    /// <summary>Advances to the next whole packet.</summary>
    public bool MoveNext()
    {
        int next = _offset + _packetOctets;
        if (next + _packetOctets > _payload.Length)
        {
            return false;
        }

        _offset = next;
        return true;
    }

    /// <summary>Returns this enumerator, for <c>foreach</c>.</summary>
    public readonly G711PacketEnumerator GetEnumerator() => this;
}
