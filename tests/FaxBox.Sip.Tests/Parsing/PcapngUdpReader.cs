using System.Buffers.Binary;

namespace FaxBox.Sip.Tests.Parsing;

/// <summary>Reads the UDP payloads of an Ethernet pcapng capture (enhanced packet blocks, IPv4/IPv6): enough to replay recorded SIP.</summary>
internal static class PcapngUdpReader
{
    public static IReadOnlyList<(int SourcePort, int DestinationPort, byte[] Payload)> Read(string path)
    {
        var data = File.ReadAllBytes(path);
        var result = new List<(int, int, byte[])>();
        var pos = 0;
        while (pos + 12 <= data.Length)
        {
            var type = BinaryPrimitives.ReadUInt32LittleEndian(data.AsSpan(pos));
            var length = (int)BinaryPrimitives.ReadUInt32LittleEndian(data.AsSpan(pos + 4));
            if (length < 12 || pos + length > data.Length)
            {
                throw new InvalidDataException($"{path}: bad block at {pos}");
            }

            if (type == 6)
            {
                var captured = (int)BinaryPrimitives.ReadUInt32LittleEndian(data.AsSpan(pos + 20));
                var frame = data.AsSpan(pos + 28, captured);
                if (TryUdp(frame, out var sp, out var dp, out var payload))
                {
                    result.Add((sp, dp, payload.ToArray()));
                }
            }

            pos += length;
        }

        return result;
    }

    private static bool TryUdp(ReadOnlySpan<byte> frame, out int sourcePort, out int destinationPort, out ReadOnlySpan<byte> payload)
    {
        sourcePort = destinationPort = 0;
        payload = default;
        if (frame.Length < 14)
        {
            return false;
        }

        var etherType = BinaryPrimitives.ReadUInt16BigEndian(frame[12..]);
        var ip = frame[14..];
        ReadOnlySpan<byte> udp;
        if (etherType == 0x0800 && ip.Length >= 20 && ip[9] == 17)
        {
            udp = ip[((ip[0] & 0x0F) * 4)..];
        }
        else if (etherType == 0x86DD && ip.Length >= 40 && ip[6] == 17)
        {
            udp = ip[40..];
        }
        else
        {
            return false;
        }

        sourcePort = BinaryPrimitives.ReadUInt16BigEndian(udp);
        destinationPort = BinaryPrimitives.ReadUInt16BigEndian(udp[2..]);
        var udpLength = BinaryPrimitives.ReadUInt16BigEndian(udp[4..]);
        payload = udp[8..Math.Min(udpLength, udp.Length)];
        return true;
    }
}
