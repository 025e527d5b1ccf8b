using System.Buffers.Binary;

namespace FaxBox.Media.Rtp;

/// <summary>Builds compound RTCP packets (RFC 3550 §6.1): SR or RR first, then SDES with CNAME, optionally BYE.</summary>
internal static class RtcpWriter
{
    /// <summary>Writes an SR (when <paramref name="sender"/>) or RR with at most one report block; returns its length.</summary>
    public static int WriteReport(Span<byte> destination, uint ssrc, bool sender, ulong ntp, uint rtpTimestamp, uint packets, uint octets, RtcpReportBlock? block)
    {
        int count = block is null ? 0 : 1;
        int length = 8 + (sender ? 20 : 0) + (24 * count);
        WriteHeader(destination, count, sender ? RtcpPacketType.Sr : RtcpPacketType.Rr, length);
        BinaryPrimitives.WriteUInt32BigEndian(destination[4..], ssrc);
        int offset = 8;
        if (sender)
        {
            BinaryPrimitives.WriteUInt64BigEndian(destination[offset..], ntp);
            BinaryPrimitives.WriteUInt32BigEndian(destination[(offset + 8)..], rtpTimestamp);
            BinaryPrimitives.WriteUInt32BigEndian(destination[(offset + 12)..], packets);
            BinaryPrimitives.WriteUInt32BigEndian(destination[(offset + 16)..], octets);
            offset += 20;
        }

        if (block is RtcpReportBlock b)
        {
            BinaryPrimitives.WriteUInt32BigEndian(destination[offset..], b.Ssrc);
            uint lost = (uint)Math.Clamp(b.CumulativeLost, -0x800000, 0x7FFFFF) & 0xFFFFFF;
            BinaryPrimitives.WriteUInt32BigEndian(destination[(offset + 4)..], ((uint)b.FractionLost << 24) | lost);
            BinaryPrimitives.WriteUInt32BigEndian(destination[(offset + 8)..], b.ExtendedHighestSequence);
            BinaryPrimitives.WriteUInt32BigEndian(destination[(offset + 12)..], b.Jitter);
            BinaryPrimitives.WriteUInt32BigEndian(destination[(offset + 16)..], b.LastSr);
            BinaryPrimitives.WriteUInt32BigEndian(destination[(offset + 20)..], b.DelaySinceLastSr);
            offset += 24;
        }

        return offset;
    }

    /// <summary>Writes SDES with one chunk holding CNAME (§6.5.1), padded to 32 bits; returns its length.</summary>
    public static int WriteSdes(Span<byte> destination, uint ssrc, ReadOnlySpan<byte> cname)
    {
        int items = 2 + cname.Length + 1; // CNAME type, length, text, END
        int length = 8 + ((items + 3) & ~3);
        destination[..length].Clear();
        WriteHeader(destination, 1, RtcpPacketType.Sdes, length);
        BinaryPrimitives.WriteUInt32BigEndian(destination[4..], ssrc);
        destination[8] = 1;
        destination[9] = (byte)cname.Length;
        cname.CopyTo(destination[10..]);
        return length;
    }

    /// <summary>Writes BYE for <paramref name="ssrc"/> (§6.6); returns 8.</summary>
    public static int WriteBye(Span<byte> destination, uint ssrc)
    {
        WriteHeader(destination, 1, RtcpPacketType.Bye, 8);
        BinaryPrimitives.WriteUInt32BigEndian(destination[4..], ssrc);
        return 8;
    }

    private static void WriteHeader(Span<byte> destination, int count, RtcpPacketType type, int lengthOctets)
    {
        destination[0] = (byte)(0x80 | count);
        destination[1] = (byte)type;
        BinaryPrimitives.WriteUInt16BigEndian(destination[2..], (ushort)((lengthOctets / 4) - 1));
    }
}
