using System.Buffers.Binary;

namespace FaxBox.Media.Rtp;

/// <summary>
/// Walks a compound RTCP packet (RFC 3550 §6.1) and reports what a session needs: the sender-report NTP time (for LSR),
/// the report block about our SSRC, and BYE. Validates each header (version 2, lengths inside the datagram).
/// </summary>
internal static class RtcpCompoundReader
{
    public static bool TryRead(ReadOnlySpan<byte> compound, uint ourSsrc, out RtcpSummary summary, out string? error)
    {
        summary = default;
        int offset = 0;
        if (compound.Length < 8)
        {
            error = $"RTCP packet of {compound.Length} octets is too short";
            return false;
        }

        while (offset < compound.Length)
        {
            if (offset + 4 > compound.Length || compound[offset] >> 6 != 2)
            {
                error = $"RTCP header at octet {offset} is truncated or not version 2";
                return false;
            }

            int count = compound[offset] & 0x1F;
            var type = (RtcpPacketType)compound[offset + 1];
            int length = (BinaryPrimitives.ReadUInt16BigEndian(compound[(offset + 2)..]) + 1) * 4;
            if (offset + length > compound.Length)
            {
                error = $"RTCP packet at octet {offset} claims {length} octets, {compound.Length - offset} remain";
                return false;
            }

            ReadOnlySpan<byte> packet = compound.Slice(offset, length);
            switch (type)
            {
                case RtcpPacketType.Sr when length >= 28:
                    summary.SenderSsrc = BinaryPrimitives.ReadUInt32BigEndian(packet[4..]);
                    summary.SenderNtp = BinaryPrimitives.ReadUInt64BigEndian(packet[8..]);
                    summary.HasSenderReport = true;
                    ReadBlocks(packet[28..], count, ourSsrc, ref summary);
                    break;
                case RtcpPacketType.Rr when length >= 8:
                    summary.SenderSsrc = BinaryPrimitives.ReadUInt32BigEndian(packet[4..]);
                    ReadBlocks(packet[8..], count, ourSsrc, ref summary);
                    break;
                case RtcpPacketType.Bye:
                    summary.Bye = true;
                    break;
                default:
                    break;
            }

            offset += length;
        }

        error = null;
        return true;
    }

    private static void ReadBlocks(ReadOnlySpan<byte> blocks, int count, uint ourSsrc, ref RtcpSummary summary)
    {
        for (int i = 0; i < count && (i + 1) * 24 <= blocks.Length; i++)
        {
            ReadOnlySpan<byte> b = blocks.Slice(i * 24, 24);
            if (BinaryPrimitives.ReadUInt32BigEndian(b) != ourSsrc)
            {
                continue;
            }

            uint lostWord = BinaryPrimitives.ReadUInt32BigEndian(b[4..]);
            int cumulative = (int)(lostWord << 8) >> 8;
            summary.Block = new RtcpReportBlock(ourSsrc, (byte)(lostWord >> 24), cumulative,
                BinaryPrimitives.ReadUInt32BigEndian(b[8..]), BinaryPrimitives.ReadUInt32BigEndian(b[12..]),
                BinaryPrimitives.ReadUInt32BigEndian(b[16..]), BinaryPrimitives.ReadUInt32BigEndian(b[20..]));
        }
    }
}
