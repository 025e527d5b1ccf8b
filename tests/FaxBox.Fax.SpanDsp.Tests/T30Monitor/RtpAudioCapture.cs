using System.Buffers.Binary;
using System.Text;
using System.Text.RegularExpressions;
using FaxBox.Core;
using FaxBox.Media.G711;

namespace FaxBox.Fax.SpanDsp.Tests.T30Monitor;

/// <summary>
/// The G.711 audio of a SIP call in a pcapng capture (little-endian pcapng, Ethernet/IPv4/UDP): which RTP port each side
/// offered in its SDP (RFC 4566 <c>m=audio</c>), and each direction's PCMU/PCMA payloads (RFC 3550 header, RFC 3551
/// payload types 0 and 8) put in sequence-number order and decoded to 20 ms frames. A missing packet becomes a silent
/// frame and is counted.
/// </summary>
internal sealed partial class RtpAudioCapture
{
    private readonly List<Datagram> _datagrams;

    private RtpAudioCapture(List<Datagram> datagrams) => _datagrams = datagrams;

    /// <summary>The RTP port the caller offered in the INVITE's SDP: the caller receives there.</summary>
    public int CallerAudioPort => SdpAudioPort(isRequest: true);

    /// <summary>The RTP port the callee answered with in the 200 OK's SDP.</summary>
    public int CalleeAudioPort => SdpAudioPort(isRequest: false);

    public static RtpAudioCapture Read(string path)
    {
        var file = File.ReadAllBytes(path);
        var datagrams = new List<Datagram>();
        var offset = 0;
        while (offset + 12 <= file.Length)
        {
            var type = BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(offset));
            var length = (int)BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(offset + 4));
            if (length < 12 || offset + length > file.Length)
            {
                throw new InvalidDataException($"{path}: bad pcapng block length {length} at offset {offset}");
            }

            if (type == 0x0A0D0D0A && BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(offset + 8)) != 0x1A2B3C4D)
            {
                throw new InvalidDataException($"{path}: only little-endian pcapng is supported");
            }

            if (type == 6) // enhanced packet block
            {
                var captured = (int)BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(offset + 20));
                if (TryUdp(file.AsSpan(offset + 28, captured), out var source, out var destination, out var payload))
                {
                    datagrams.Add(new Datagram(source, destination, payload.ToArray()));
                }
            }

            offset += length;
        }

        return new RtpAudioCapture(datagrams);
    }

    /// <summary>The audio sent to <paramref name="port"/>, as 20 ms frames in RTP sequence order.</summary>
    public List<short[]> AudioTo(int port, out int missing)
    {
        var packets = new List<(long Sequence, byte PayloadType, byte[] Payload)>();
        long extended = -1;
        foreach (var d in _datagrams.Where(d => d.Destination == port))
        {
            var rtp = d.Payload;
            if (rtp.Length < 12 || rtp[0] >> 6 != 2)
            {
                continue;
            }

            var payloadType = (byte)(rtp[1] & 0x7F);
            if (payloadType is not (0 or 8))
            {
                continue; // RFC 4733 events or comfort noise: not audio
            }

            var start = 12 + (4 * (rtp[0] & 0x0F));
            if ((rtp[0] & 0x10) != 0)
            {
                start += 4 + (4 * BinaryPrimitives.ReadUInt16BigEndian(rtp.AsSpan(start + 2)));
            }

            var end = rtp.Length - ((rtp[0] & 0x20) != 0 ? rtp[^1] : 0);
            var sequence = BinaryPrimitives.ReadUInt16BigEndian(rtp.AsSpan(2));

            // Extend the 16-bit sequence number across wrap-around (RFC 3550 Appendix A.1).
            extended = extended < 0 ? sequence : extended + (short)(sequence - (ushort)extended);
            packets.Add((extended, payloadType, rtp[start..end]));
        }

        packets.Sort((a, b) => a.Sequence.CompareTo(b.Sequence));
        var pcm = new List<short>();
        missing = 0;
        for (var i = 0; i < packets.Count; i++)
        {
            if (i > 0)
            {
                var gap = (int)(packets[i].Sequence - packets[i - 1].Sequence - 1);
                if (gap < 0)
                {
                    continue; // duplicate
                }

                missing += gap;
                pcm.AddRange(new short[gap * AudioFrame.Samples]);
            }

            var samples = new short[packets[i].Payload.Length];
            if (packets[i].PayloadType == 0)
            {
                G711MuLaw.Decode(packets[i].Payload, samples);
            }
            else
            {
                G711ALaw.Decode(packets[i].Payload, samples);
            }

            pcm.AddRange(samples);
        }

        return pcm.Chunk(AudioFrame.Samples).Where(c => c.Length == AudioFrame.Samples).ToList();
    }

    private static bool TryUdp(ReadOnlySpan<byte> ethernet, out int source, out int destination, out ReadOnlySpan<byte> payload)
    {
        source = destination = 0;
        payload = default;
        if (ethernet.Length < 14 + 20 + 8 || BinaryPrimitives.ReadUInt16BigEndian(ethernet[12..]) != 0x0800)
        {
            return false;
        }

        var ip = ethernet[14..];
        if (ip[9] != 17)
        {
            return false;
        }

        var udp = ip[((ip[0] & 0x0F) * 4)..BinaryPrimitives.ReadUInt16BigEndian(ip[2..])];
        source = BinaryPrimitives.ReadUInt16BigEndian(udp);
        destination = BinaryPrimitives.ReadUInt16BigEndian(udp[2..]);
        payload = udp[8..BinaryPrimitives.ReadUInt16BigEndian(udp[4..])];
        return true;
    }

    private int SdpAudioPort(bool isRequest)
    {
        foreach (var d in _datagrams)
        {
            var text = Encoding.ASCII.GetString(d.Payload);
            var isInvite = text.StartsWith("INVITE ", StringComparison.Ordinal);
            var isOk = text.StartsWith("SIP/2.0 200", StringComparison.Ordinal) && text.Contains("INVITE", StringComparison.Ordinal);
            if ((isRequest ? isInvite : isOk) && AudioLine().Match(text) is { Success: true } m)
            {
                return int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
            }
        }

        throw new InvalidDataException($"no {(isRequest ? "INVITE" : "200 OK")} with an m=audio line in the capture");
    }

    [GeneratedRegex(@"^m=audio (\d+) ", RegexOptions.Multiline)]
    private static partial Regex AudioLine();

    private sealed record Datagram(int Source, int Destination, byte[] Payload);
}
