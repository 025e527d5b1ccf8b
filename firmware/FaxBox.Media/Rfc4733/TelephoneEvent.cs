using System.Buffers.Binary;

namespace FaxBox.Media.Rfc4733;

/// <summary>
/// The 4-octet telephone-event payload (RFC 4733 §2.3): event, E (end) bit, R (reserved), 6-bit volume (−dBm0),
/// 16-bit duration in timestamp units since the event's start.
/// </summary>
public readonly record struct TelephoneEvent(TelephoneEventCode Code, bool End, byte Volume, ushort Duration)
{
    /// <summary>Payload length.</summary>
    public const int Length = 4;

    /// <summary>Writes the payload; returns 4.</summary>
    public int Write(Span<byte> destination)
    {
        destination[0] = (byte)Code;
        destination[1] = (byte)((End ? 0x80 : 0) | (Volume & 0x3F));
        BinaryPrimitives.WriteUInt16BigEndian(destination[2..], Duration);
        return Length;
    }

    /// <summary>Parses the first event of <paramref name="payload"/>; false with a reason when shorter than 4 octets.</summary>
    public static bool TryParse(ReadOnlySpan<byte> payload, out TelephoneEvent value, out string? error)
    {
        if (payload.Length < Length)
        {
            value = default;
            error = $"telephone-event payload of {payload.Length} octets is shorter than 4";
            return false;
        }

        value = new TelephoneEvent((TelephoneEventCode)payload[0], (payload[1] & 0x80) != 0, (byte)(payload[1] & 0x3F), BinaryPrimitives.ReadUInt16BigEndian(payload[2..]));
        error = null;
        return true;
    }
}
