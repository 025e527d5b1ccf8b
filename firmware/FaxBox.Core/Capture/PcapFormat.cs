using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace FaxBox.Core.Capture;

/// <summary>
/// The classic libpcap file format (tcpdump's <c>pcap-savefile(5)</c>: 24-byte global header, 16-byte record headers,
/// microsecond timestamps, little-endian) with link type LINKTYPE_RAW (101, packets start with their IPv4 or IPv6
/// header). A captured UDP payload gets a synthesized header: IPv4 (RFC 791, header checksum computed, UDP checksum 0 =
/// none, RFC 768) or IPv6 (RFC 8200; UDP checksum computed over the pseudo-header as RFC 8200 §8.1 requires).
/// </summary>
public static class PcapFormat
{
    /// <summary>LINKTYPE_RAW: raw IPv4 or IPv6 packets.</summary>
    public const uint LinkTypeRaw = 101;

    /// <summary>Bytes of the global header.</summary>
    public const int GlobalHeaderLength = 24;

    /// <summary>Bytes of each record's header.</summary>
    public const int RecordHeaderLength = 16;

    /// <summary>The most a record adds to a payload: record header, IPv6 header (40) and UDP header (8).</summary>
    public const int MaxOverhead = RecordHeaderLength + 40 + 8;

    /// <summary>Largest packet length stored (the snapshot length).</summary>
    public const int SnapLength = 65_535;

    /// <summary>Writes the global header into <paramref name="destination"/> (24 bytes).</summary>
    public static void WriteGlobalHeader(Span<byte> destination)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(destination, 0xa1b2c3d4);
        BinaryPrimitives.WriteUInt16LittleEndian(destination[4..], 2);
        BinaryPrimitives.WriteUInt16LittleEndian(destination[6..], 4);
        BinaryPrimitives.WriteInt32LittleEndian(destination[8..], 0); // thiszone: UTC
        BinaryPrimitives.WriteUInt32LittleEndian(destination[12..], 0); // sigfigs
        BinaryPrimitives.WriteUInt32LittleEndian(destination[16..], SnapLength);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[20..], LinkTypeRaw);
    }

    /// <summary>
    /// Writes one record (record header, IP header, UDP header, payload) for a UDP datagram from <paramref name="source"/>
    /// to <paramref name="destination"/> (socket addresses of either family; IPv4-mapped IPv6 addresses count as IPv4)
    /// into <paramref name="record"/>, which must hold <paramref name="payload"/>'s length plus <see cref="MaxOverhead"/>.
    /// Returns the bytes written, or 0 when an address is not IPv4 or IPv6.
    /// </summary>
    public static int WriteUdpRecord(Span<byte> record, DateTimeOffset time, ReadOnlySpan<byte> payload, SocketAddress source, SocketAddress destination)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(destination);
        Span<byte> sourceAddress = stackalloc byte[16];
        Span<byte> destinationAddress = stackalloc byte[16];
        if (!TryAddress(source, sourceAddress, out var sourcePort, out var sourceV4) || !TryAddress(destination, destinationAddress, out var destinationPort, out var destinationV4))
        {
            return 0;
        }

        var v4 = sourceV4 && destinationV4;
        if (!v4)
        {
            MapToV6(sourceAddress, sourceV4);
            MapToV6(destinationAddress, destinationV4);
        }

        var ipLength = v4 ? 20 : 40;
        var udpLength = 8 + payload.Length;
        var packetLength = ipLength + udpLength;
        var stored = Math.Min(packetLength, SnapLength);
        var microseconds = time.ToUnixTimeMilliseconds() * 1000 + (time.Ticks % TimeSpan.TicksPerMillisecond) / 10;
        BinaryPrimitives.WriteUInt32LittleEndian(record, (uint)(microseconds / 1_000_000));
        BinaryPrimitives.WriteUInt32LittleEndian(record[4..], (uint)(microseconds % 1_000_000));
        BinaryPrimitives.WriteUInt32LittleEndian(record[8..], (uint)stored);
        BinaryPrimitives.WriteUInt32LittleEndian(record[12..], (uint)packetLength);
        var ip = record[RecordHeaderLength..];
        var udp = ip[ipLength..];
        if (v4)
        {
            ip[0] = 0x45; // version 4, 5 words
            ip[1] = 0;
            BinaryPrimitives.WriteUInt16BigEndian(ip[2..], (ushort)packetLength);
            BinaryPrimitives.WriteUInt16BigEndian(ip[4..], 0); // identification
            BinaryPrimitives.WriteUInt16BigEndian(ip[6..], 0x4000); // don't fragment
            ip[8] = 64; // TTL
            ip[9] = (byte)ProtocolType.Udp;
            BinaryPrimitives.WriteUInt16BigEndian(ip[10..], 0);
            sourceAddress[..4].CopyTo(ip[12..]);
            destinationAddress[..4].CopyTo(ip[16..]);
            BinaryPrimitives.WriteUInt16BigEndian(ip[10..], Checksum(ip[..20], 0));
        }
        else
        {
            BinaryPrimitives.WriteUInt32BigEndian(ip, 0x6000_0000); // version 6, no class or flow label
            BinaryPrimitives.WriteUInt16BigEndian(ip[4..], (ushort)udpLength);
            ip[6] = (byte)ProtocolType.Udp;
            ip[7] = 64; // hop limit
            sourceAddress.CopyTo(ip[8..]);
            destinationAddress.CopyTo(ip[24..]);
        }

        BinaryPrimitives.WriteUInt16BigEndian(udp, sourcePort);
        BinaryPrimitives.WriteUInt16BigEndian(udp[2..], destinationPort);
        BinaryPrimitives.WriteUInt16BigEndian(udp[4..], (ushort)udpLength);
        BinaryPrimitives.WriteUInt16BigEndian(udp[6..], 0);
        payload.CopyTo(udp[8..]);
        if (!v4)
        {
            // Pseudo-header: source, destination, UDP length, next header (RFC 8200 §8.1).
            uint sum = Sum(ip.Slice(8, 32), 0) + (uint)udpLength + (uint)ProtocolType.Udp;
            var checksum = Checksum(udp[..udpLength], sum);
            BinaryPrimitives.WriteUInt16BigEndian(udp[6..], checksum == 0 ? (ushort)0xffff : checksum);
        }

        return RecordHeaderLength + stored;
    }

    private static bool TryAddress(SocketAddress address, Span<byte> bytes, out ushort port, out bool v4)
    {
        port = 0;
        v4 = false;
        var raw = address.Buffer.Span;
        if (address.Family == AddressFamily.InterNetwork && address.Size >= 8)
        {
            port = BinaryPrimitives.ReadUInt16BigEndian(raw[2..]);
            raw.Slice(4, 4).CopyTo(bytes);
            v4 = true;
            return true;
        }

        if (address.Family == AddressFamily.InterNetworkV6 && address.Size >= 24)
        {
            port = BinaryPrimitives.ReadUInt16BigEndian(raw[2..]);
            var a = raw.Slice(8, 16);
            if (a[..10].IndexOfAnyExcept((byte)0) < 0 && a[10] == 0xff && a[11] == 0xff)
            {
                a.Slice(12, 4).CopyTo(bytes);
                v4 = true;
                return true;
            }

            a.CopyTo(bytes);
            return true;
        }

        return false;
    }

    private static void MapToV6(Span<byte> address, bool isV4)
    {
        if (!isV4)
        {
            return;
        }

        Span<byte> v4 = stackalloc byte[4];
        address[..4].CopyTo(v4);
        address.Clear();
        address[10] = 0xff;
        address[11] = 0xff;
        v4.CopyTo(address[12..]);
    }

    private static uint Sum(ReadOnlySpan<byte> data, uint sum)
    {
        var i = 0;
        for (; i + 1 < data.Length; i += 2)
        {
            sum += BinaryPrimitives.ReadUInt16BigEndian(data[i..]);
        }

        if (i < data.Length)
        {
            sum += (uint)(data[i] << 8);
        }

        return sum;
    }

    /// <summary>The Internet checksum (RFC 1071) of <paramref name="data"/> plus a partial sum.</summary>
    private static ushort Checksum(ReadOnlySpan<byte> data, uint partial)
    {
        var sum = Sum(data, partial);
        while (sum >> 16 != 0)
        {
            sum = (sum & 0xffff) + (sum >> 16);
        }

        return (ushort)~sum;
    }
}
