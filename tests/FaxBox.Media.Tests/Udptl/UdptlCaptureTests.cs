using FaxBox.Core.T38;
using FaxBox.Media.Tests.Support;
using FaxBox.Media.Udptl;

namespace FaxBox.Media.Tests.Udptl;

/// <summary>Third-party UDPTL (Asterisk/spandsp, redundancy 3) decodes, recovers and re-encodes byte for byte.</summary>
public sealed class UdptlCaptureTests
{
    [Theory]
    [MemberData(nameof(CaptureStreams.AllDirections), MemberType = typeof(CaptureStreams))]
    public void Every_datagram_and_every_IFP_in_it_decodes(string file, int sourcePort)
    {
        List<UdpDatagram> stream = CaptureStreams.Direction(file, sourcePort);
        Assert.True(stream.Count > 30, $"{file}:{sourcePort} has only {stream.Count} datagrams");
        int ifps = 0;
        foreach (UdpDatagram d in stream)
        {
            Assert.True(UdptlCodec.TryDecode(d.Payload, out UdptlPacket packet, out UdptlDecodeError error), $"frame {d.FrameNumber}: {error}");
            Assert.Equal(UdptlErrorRecovery.Redundancy, packet.Mode);
            Assert.True(packet.RecoveryCount <= 3);
            AssertIfpParses(packet.Primary, d.FrameNumber);
            foreach (ReadOnlySpan<byte> secondary in packet.Recovery)
            {
                AssertIfpParses(secondary, d.FrameNumber);
            }

            ifps++;
        }

        Assert.Equal(stream.Count, ifps);
    }

    [Theory]
    [MemberData(nameof(CaptureStreams.AllDirections), MemberType = typeof(CaptureStreams))]
    public void Sequence_numbers_run_without_gaps_and_secondaries_repeat_the_previous_primaries(string file, int sourcePort)
    {
        List<UdpDatagram> stream = CaptureStreams.Direction(file, sourcePort);
        var primaries = new Dictionary<int, byte[]>();
        int expected = UdptlCodec.Decode(stream[0].Payload).Sequence;
        foreach (UdpDatagram d in stream)
        {
            UdptlPacket packet = UdptlCodec.Decode(d.Payload);
            Assert.Equal(expected, packet.Sequence);
            expected++;
            primaries[packet.Sequence] = packet.Primary.ToArray();
            Assert.Equal(Math.Min(3, (int)packet.Sequence), packet.RecoveryCount);
            int s = packet.Sequence - 1;
            foreach (ReadOnlySpan<byte> secondary in packet.Recovery)
            {
                Assert.Equal(primaries[s], secondary.ToArray());
                s--;
            }
        }
    }

    [Theory]
    [MemberData(nameof(CaptureStreams.AllDirections), MemberType = typeof(CaptureStreams))]
    public void Re_encoding_the_primaries_with_redundancy_3_gives_the_same_bytes(string file, int sourcePort)
    {
        List<UdpDatagram> stream = CaptureStreams.Direction(file, sourcePort);
        var encoder = new UdptlEncoder(new UdptlOptions { ControlRedundancy = 3, ImageRedundancy = 3, MaxDatagram = 1400 });
        var buffer = new byte[encoder.MaxPacketSize];
        foreach (UdpDatagram d in stream)
        {
            UdptlPacket packet = UdptlCodec.Decode(d.Payload);
            Assert.Equal(UdptlEncodeStatus.Ok, encoder.Encode(packet.Primary, buffer, out int written));
            Assert.Equal(d.Payload, buffer[..written]);
        }
    }

    [Theory]
    [MemberData(nameof(CaptureStreams.AllDirections), MemberType = typeof(CaptureStreams))]
    public void Ten_percent_random_loss_loses_no_IFP_thanks_to_redundancy(string file, int sourcePort)
    {
        List<UdpDatagram> stream = CaptureStreams.Direction(file, sourcePort);
        var original = stream.Select(d => UdptlCodec.Decode(d.Payload).Primary.ToArray()).ToList();
        var random = new Random(4);
        var sink = new RecordingIfpHandler();
        var decoder = new UdptlDecoder(new UdptlOptions { ReorderTimeout = TimeSpan.Zero }, sink);
        int dropped = 0;
        for (int i = 0; i < stream.Count; i++)
        {
            // Never drop the first packet (nothing before it to recover it from) nor the last three (nothing after them).
            if (i > 0 && i < stream.Count - 3 && random.NextDouble() < 0.10)
            {
                dropped++;
                continue;
            }

            decoder.Receive(stream[i].Payload, TimeSpan.FromMilliseconds(20 * i));
        }

        Assert.True(dropped > stream.Count / 20, $"only {dropped} of {stream.Count} dropped");
        Assert.Equal(original.Count, sink.Ifps.Count);
        for (int i = 0; i < original.Count; i++)
        {
            Assert.Equal(original[i], sink.Ifps[i].Ifp);
        }

        Assert.Equal(0, decoder.Statistics.IfpsLost);
        Assert.True(decoder.Statistics.RecoveredByRedundancy >= dropped);
    }

    [Fact]
    public void Tshark_dissects_re_encoded_packets_exactly_as_it_dissects_the_capture()
    {
        string file = CaptureStreams.Files[0];
        (int a, int b) = CaptureStreams.Ports(file);
        List<UdpDatagram> stream = CaptureStreams.Direction(file, a);
        string ours = Path.Combine(Path.GetTempPath(), $"faxbox-udptl-{Guid.NewGuid():N}.pcap");
        try
        {
            var encoder = new UdptlEncoder(new UdptlOptions { ControlRedundancy = 3, ImageRedundancy = 3, MaxDatagram = 1400 });
            var buffer = new byte[encoder.MaxPacketSize];
            using (var pcap = new PcapWriter(ours))
            {
                foreach (UdpDatagram d in stream)
                {
                    encoder.Encode(UdptlCodec.Decode(d.Payload).Primary, buffer, out int written);
                    pcap.Write(d.Time, a, b, buffer.AsSpan(0, written));
                }
            }

            string[] fields = ["-T", "fields", "-e", "t38.seq_number", "-e", "t38.t30_indicator", "-e", "t38.t30_data", "-e", "t38.field_type", "-e", "t38.field_data", "-e", "t38.secondary_ifp_packets"];
            string theirs = Tshark.Run([.. (string[])["-r", PcapngReader.CapturePath(file), "-d", $"udp.port=={a},t38", "-Y", $"udp.srcport=={a}"], .. fields]);
            string mine = Tshark.Run([.. (string[])["-r", ours, "-d", $"udp.port=={a},t38"], .. fields]);
            Assert.Equal(stream.Count, mine.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
            Assert.Equal(theirs, mine);
            Assert.Equal(string.Empty, Tshark.Run("-r", ours, "-d", $"udp.port=={a},t38", "-Y", "_ws.malformed || _ws.expert.severity == error").Trim());
        }
        finally
        {
            File.Delete(ours);
        }
    }

    private static void AssertIfpParses(ReadOnlySpan<byte> ifp, int frame)
    {
        Assert.True(T38IfpReader.TryCreate(ifp, T38Asn1Variant.PreCorrigendum, out T38IfpReader reader, out string? error), $"frame {frame}: {error}");
        int fields = 0;
        while (reader.TryReadField(out T38FieldType type, out ReadOnlySpan<byte> data, out error))
        {
            Assert.True(type <= T38FieldType.T4NonEcmSigEnd);
            fields++;
        }

        Assert.True(error is null, $"frame {frame}: {error}");
        Assert.Equal(reader.FieldCount, fields);
        Assert.Equal(ifp.Length, T38IfpReader.MeasureLength(ifp, T38Asn1Variant.PreCorrigendum));
    }
}
