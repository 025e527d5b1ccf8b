using System.Buffers.Binary;

namespace FaxBox.Media.Tests.Support;

/// <summary>
/// A small pcapng reader (section header, interface description and enhanced packet blocks) for Ethernet/IPv4/UDP
/// captures, enough to use the shared captures as test vectors without tshark.
/// </summary>
public static class PcapngReader
{
    public static string CapturePath(string name) => Path.Combine(AppContext.BaseDirectory, "Captures", name);

    public static List<UdpDatagram> ReadUdp(string path)
    {
        byte[] file = File.ReadAllBytes(path);
        var result = new List<UdpDatagram>();
        int offset = 0;
        int frame = 0;
        long first = -1;
        while (offset + 12 <= file.Length)
        {
            uint type = BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(offset));
            int length = (int)BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(offset + 4));
            if (length < 12 || offset + length > file.Length)
            {
                throw new InvalidDataException($"{path}: bad pcapng block length {length} at offset {offset}");
            }

            if (type == 0x0A0D0D0A && BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(offset + 8)) != 0x1A2B3C4D)
            {
                throw new InvalidDataException($"{path}: only little-endian pcapng is supported");
            }

            if (type == 6)
            {
                frame++;
                long ts = ((long)BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(offset + 12)) << 32) | BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(offset + 16));
                if (first < 0)
                {
                    first = ts;
                }

                int captured = (int)BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(offset + 20));
                ReadOnlySpan<byte> packet = file.AsSpan(offset + 28, captured);
                if (TryUdp(packet, out int src, out int dst, out ReadOnlySpan<byte> payload))
                {
                    result.Add(new UdpDatagram(frame, TimeSpan.FromTicks((ts - first) * 10), src, dst, payload.ToArray()));
                }
            }

            offset += length;
        }

        return result;
    }

    private static bool TryUdp(ReadOnlySpan<byte> ethernet, out int src, out int dst, out ReadOnlySpan<byte> payload)
    {
        src = dst = 0;
        payload = default;
        if (ethernet.Length < 14 + 20 + 8 || BinaryPrimitives.ReadUInt16BigEndian(ethernet[12..]) != 0x0800)
        {
            return false;
        }

        ReadOnlySpan<byte> ip = ethernet[14..];
        int ihl = (ip[0] & 0x0F) * 4;
        if (ip[9] != 17)
        {
            return false;
        }

        int total = BinaryPrimitives.ReadUInt16BigEndian(ip[2..]);
        ReadOnlySpan<byte> udp = ip[ihl..total];
        src = BinaryPrimitives.ReadUInt16BigEndian(udp);
        dst = BinaryPrimitives.ReadUInt16BigEndian(udp[2..]);
        payload = udp[8..BinaryPrimitives.ReadUInt16BigEndian(udp[4..])];
        return true;
    }
}
