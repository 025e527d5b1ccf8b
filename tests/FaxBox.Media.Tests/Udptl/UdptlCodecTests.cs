using FaxBox.Media.Udptl;

namespace FaxBox.Media.Tests.Udptl;

public sealed class UdptlCodecTests
{
    [Fact]
    public void Decodes_a_hand_built_packet_with_two_secondaries()
    {
        byte[] datagram = [0x12, 0x34, 0x01, 0x02, 0x00, 0x02, 0x01, 0x04, 0x02, 0xC0, 0x00];
        UdptlPacket packet = UdptlCodec.Decode(datagram);
        Assert.Equal(0x1234, packet.Sequence);
        Assert.Equal([0x02], packet.Primary.ToArray());
        Assert.Equal(2, packet.RecoveryCount);
        var entries = new List<byte[]>();
        foreach (ReadOnlySpan<byte> e in packet.Recovery)
        {
            entries.Add(e.ToArray());
        }

        Assert.Equal([0x04], entries[0]);
        Assert.Equal([0xC0, 0x00], entries[1]);
    }

    [Theory]
    [InlineData(new byte[] { 0x00 }, UdptlErrorReason.Truncated, 1)]
    [InlineData(new byte[] { 0x00, 0x01, 0x05, 0x02 }, UdptlErrorReason.Truncated, 2)]
    [InlineData(new byte[] { 0x00, 0x01, 0x00, 0x00, 0x00 }, UdptlErrorReason.EmptyPrimary, 2)]
    [InlineData(new byte[] { 0x00, 0x01, 0x01, 0x02 }, UdptlErrorReason.Truncated, 4)]
    [InlineData(new byte[] { 0x00, 0x01, 0x01, 0x02, 0x00, 0x01, 0x03, 0x04 }, UdptlErrorReason.Truncated, 6)]
    [InlineData(new byte[] { 0x00, 0x01, 0x01, 0x02, 0x00, 0x00, 0xFF }, UdptlErrorReason.TrailingOctets, 6)]
    [InlineData(new byte[] { 0x00, 0x01, 0xC1, 0x02 }, UdptlErrorReason.FragmentedLength, 2)]
    [InlineData(new byte[] { 0x00, 0x01, 0x01, 0x02, 0x80, 0x00 }, UdptlErrorReason.BadFecSpan, 5)]
    [InlineData(new byte[] { 0x00, 0x01, 0x01, 0x02, 0x00, 0x11 }, UdptlErrorReason.TooManyRecoveryEntries, 5)]
    public void Malformed_datagrams_say_what_and_where(byte[] datagram, UdptlErrorReason reason, int offset)
    {
        Assert.False(UdptlCodec.TryDecode(datagram, out _, out UdptlDecodeError error));
        Assert.Equal(reason, error.Reason);
        Assert.Equal(offset, error.Offset);
        var ex = Assert.Throws<UdptlFormatException>(() => UdptlCodec.Decode(datagram));
        Assert.Contains($"octet {offset}", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Two_octet_lengths_round_trip()
    {
        var ifp = new byte[300];
        ifp[0] = 0xD0;
        var buffer = new byte[1000];
        int n = UdptlCodec.EncodeRedundancy(buffer, 7, ifp, [new byte[200]]);
        Assert.Equal(0x81, buffer[2]);
        Assert.Equal(0x2C, buffer[3]);
        UdptlPacket packet = UdptlCodec.Decode(buffer.AsSpan(0, n));
        Assert.Equal(300, packet.Primary.Length);
        Assert.Equal(1, packet.RecoveryCount);
    }

    [Fact]
    public void Lengths_of_16384_and_more_are_a_named_limitation()
    {
        // X.691 fragmentation is never needed for UDP-sized UDPTL packets; the codec refuses it instead of mis-reading it.
        var ex = Assert.Throws<ArgumentException>(() => UdptlCodec.EncodeRedundancy(new byte[20000], 0, new byte[16384], []));
        Assert.Contains("16383", ex.Message, StringComparison.Ordinal);
    }
}
