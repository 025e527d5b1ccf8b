using System.Buffers.Binary;

namespace FaxBox.Media.Rtp;

/// <summary>
/// The RTP fixed header (RFC 3550 §5.1) of a received or sent packet: version 2, padding, extension, CSRC count,
/// marker, payload type, sequence number, timestamp and SSRC, plus where the payload sits in the packet.
/// </summary>
public readonly record struct RtpHeader(bool Marker, byte PayloadType, ushort SequenceNumber, uint Timestamp, uint Ssrc, int PayloadOffset, int PayloadLength)
{
    /// <summary>Length of the fixed header without CSRCs or extension.</summary>
    public const int FixedLength = 12;

    /// <summary>Parses <paramref name="packet"/>; on failure <paramref name="error"/> says what and where.</summary>
    public static bool TryParse(ReadOnlySpan<byte> packet, out RtpHeader header, out string? error)
    {
        header = default;
        if (packet.Length < FixedLength)
        {
            error = $"RTP packet of {packet.Length} octets is shorter than the 12-octet header";
            return false;
        }

        byte first = packet[0];
        if (first >> 6 != 2)
        {
            error = $"RTP version {first >> 6} at octet 0 is not 2";
            return false;
        }

        int offset = FixedLength + (4 * (first & 0x0F));
        if ((first & 0x10) != 0)
        {
            // Header extension (§5.3.1): 16-bit profile, 16-bit length in 32-bit words.
            if (offset + 4 > packet.Length)
            {
                error = $"RTP header extension at octet {offset} is truncated";
                return false;
            }

            offset += 4 + (4 * BinaryPrimitives.ReadUInt16BigEndian(packet[(offset + 2)..]));
        }

        int end = packet.Length;
        if ((first & 0x20) != 0)
        {
            int padding = packet[^1];
            if (padding == 0 || padding > packet.Length - offset)
            {
                error = $"RTP padding count {padding} in the last octet is invalid";
                return false;
            }

            end -= padding;
        }

        if (offset > end)
        {
            error = $"RTP header ({offset} octets with CSRCs and extension) runs past the packet end ({end})";
            return false;
        }

        header = new RtpHeader(
            (packet[1] & 0x80) != 0,
            (byte)(packet[1] & 0x7F),
            BinaryPrimitives.ReadUInt16BigEndian(packet[2..]),
            BinaryPrimitives.ReadUInt32BigEndian(packet[4..]),
            BinaryPrimitives.ReadUInt32BigEndian(packet[8..]),
            offset,
            end - offset);
        error = null;
        return true;
    }

    /// <summary>Writes a 12-octet header (no CSRC, no extension, no padding); returns 12.</summary>
    public static int Write(Span<byte> destination, bool marker, byte payloadType, ushort sequenceNumber, uint timestamp, uint ssrc)
    {
        destination[0] = 0x80;
        destination[1] = (byte)((marker ? 0x80 : 0) | (payloadType & 0x7F));
        BinaryPrimitives.WriteUInt16BigEndian(destination[2..], sequenceNumber);
        BinaryPrimitives.WriteUInt32BigEndian(destination[4..], timestamp);
        BinaryPrimitives.WriteUInt32BigEndian(destination[8..], ssrc);
        return FixedLength;
    }
}
