using FaxBox.Media.Rtp;
using FaxBox.Media.Tests.Support;

namespace FaxBox.Media.Tests.Rtp;

public sealed class RtpHeaderTests
{
    [Fact]
    public void Write_then_parse_round_trips()
    {
        var buffer = new byte[20];
        RtpHeader.Write(buffer, true, 101, 0xBEEF, 0x01020304, 0xCAFEBABE);
        Assert.True(RtpHeader.TryParse(buffer, out RtpHeader h, out _));
        Assert.Equal(new RtpHeader(true, 101, 0xBEEF, 0x01020304, 0xCAFEBABE, 12, 8), h);
    }

    [Fact]
    public void Csrcs_extension_and_padding_are_skipped()
    {
        // V=2 P=1 X=1 CC=1, PT 0; one CSRC; extension of 1 word; 2 payload octets; 2 padding octets.
        byte[] p = [0xB1, 0x00, 0, 1, 0, 0, 0, 2, 0, 0, 0, 3, 9, 9, 9, 9, 0xBE, 0xDE, 0, 1, 7, 7, 7, 7, 0xAA, 0xBB, 0, 2];
        Assert.True(RtpHeader.TryParse(p, out RtpHeader h, out _));
        Assert.Equal(24, h.PayloadOffset);
        Assert.Equal(2, h.PayloadLength);
    }

    [Theory]
    [InlineData(new byte[] { 0x80, 0, 0, 1 }, "shorter than the 12-octet header")]
    [InlineData(new byte[] { 0x40, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0 }, "version 1")]
    [InlineData(new byte[] { 0xA0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 5, 9 }, "padding count 9")]
    [InlineData(new byte[] { 0x82, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 5 }, "runs past the packet end")]
    public void Malformed_headers_say_what(byte[] packet, string message)
    {
        Assert.False(RtpHeader.TryParse(packet, out _, out string? error));
        Assert.Contains(message, error, StringComparison.Ordinal);
    }

    [Fact]
    public void The_captured_asterisk_g711_stream_parses_with_consecutive_sequence_and_160_sample_timestamps()
    {
        List<UdpDatagram> all = PcapngReader.ReadUdp(PcapngReader.CapturePath("asterisk-g711-fax-1page.pcapng"));
        var rtp = all.Where(d => d.SourcePort != 5068 && d.SourcePort != 5070 && d.Payload.Length > 12 && d.Payload[0] == 0x80).ToList();
        Assert.True(rtp.Count > 1000);
        foreach (IGrouping<int, UdpDatagram> stream in rtp.GroupBy(d => d.SourcePort))
        {
            RtpHeader? previous = null;
            foreach (UdpDatagram d in stream)
            {
                Assert.True(RtpHeader.TryParse(d.Payload, out RtpHeader h, out string? error), error);
                Assert.Equal(0, h.PayloadType);
                Assert.Equal(160, h.PayloadLength);
                if (previous is RtpHeader p)
                {
                    Assert.Equal((ushort)(p.SequenceNumber + 1), h.SequenceNumber);
                    Assert.Equal(p.Timestamp + 160, h.Timestamp);
                    Assert.Equal(p.Ssrc, h.Ssrc);
                }

                previous = h;
            }
        }
    }
}
