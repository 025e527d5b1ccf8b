using System.Buffers.Binary;

namespace FaxBox.Media.Tests.Support;

/// <summary>Writes UDP payloads as a classic pcap file (LINKTYPE_RAW, IPv4 127.0.0.1) so tshark can dissect what FaxBox sent.</summary>
public sealed class PcapWriter : IDisposable
{
    private readonly FileStream _file;

    public PcapWriter(string path)
    {
        _file = File.Create(path);
        Span<byte> header = stackalloc byte[24];
        BinaryPrimitives.WriteUInt32LittleEndian(header, 0xA1B2C3D4);
        BinaryPrimitives.WriteUInt16LittleEndian(header[4..], 2);
        BinaryPrimitives.WriteUInt16LittleEndian(header[6..], 4);
        BinaryPrimitives.WriteUInt32LittleEndian(header[16..], 65535);
        BinaryPrimitives.WriteUInt32LittleEndian(header[20..], 101);
        _file.Write(header);
    }

    public void Write(TimeSpan time, int sourcePort, int destinationPort, ReadOnlySpan<byte> payload)
    {
        int total = 20 + 8 + payload.Length;
        var record = new byte[16 + total];
        BinaryPrimitives.WriteUInt32LittleEndian(record, (uint)(time.Ticks / TimeSpan.TicksPerSecond));
        BinaryPrimitives.WriteUInt32LittleEndian(record.AsSpan(4), (uint)(time.Ticks % TimeSpan.TicksPerSecond / 10));
        BinaryPrimitives.WriteUInt32LittleEndian(record.AsSpan(8), (uint)total);
        BinaryPrimitives.WriteUInt32LittleEndian(record.AsSpan(12), (uint)total);
        Span<byte> ip = record.AsSpan(16);
        ip[0] = 0x45;
        BinaryPrimitives.WriteUInt16BigEndian(ip[2..], (ushort)total);
        ip[8] = 64;
        ip[9] = 17;
        ip[12] = 127; ip[15] = 1;
        ip[16] = 127; ip[19] = 1;
        int sum = 0;
        for (int i = 0; i < 20; i += 2)
        {
            sum += BinaryPrimitives.ReadUInt16BigEndian(ip[i..]);
        }

        sum = (sum & 0xFFFF) + (sum >> 16);
        sum = (sum & 0xFFFF) + (sum >> 16);
        BinaryPrimitives.WriteUInt16BigEndian(ip[10..], (ushort)~sum);
        Span<byte> udp = ip[20..];
        BinaryPrimitives.WriteUInt16BigEndian(udp, (ushort)sourcePort);
        BinaryPrimitives.WriteUInt16BigEndian(udp[2..], (ushort)destinationPort);
        BinaryPrimitives.WriteUInt16BigEndian(udp[4..], (ushort)(8 + payload.Length));
        payload.CopyTo(udp[8..]);
        _file.Write(record);
    }

    public void Dispose() => _file.Dispose();
}
