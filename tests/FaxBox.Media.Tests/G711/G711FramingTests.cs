using FaxBox.Media.G711;

namespace FaxBox.Media.Tests.G711;

public sealed class G711FramingTests
{
    [Theory]
    [InlineData(10, 80)]
    [InlineData(20, 160)]
    [InlineData(30, 240)]
    public void Packet_sizes_follow_ptime(int ptime, int octets) =>
        Assert.Equal(octets, G711Framing.OctetsPerPacket(ptime));

    [Theory]
    [InlineData(0)]
    [InlineData(5)]
    [InlineData(25)]
    [InlineData(40)]
    public void Unsupported_ptime_is_rejected(int ptime)
    {
        Assert.False(G711Framing.IsSupportedPtime(ptime));
        Assert.Throws<ArgumentOutOfRangeException>(() => G711Framing.OctetsPerPacket(ptime));
    }

    [Fact]
    public void Enumerates_whole_packets_and_leaves_the_remainder()
    {
        var payload = new byte[500];
        for (int i = 0; i < payload.Length; i++)
        {
            payload[i] = (byte)i;
        }

        int count = 0;
        foreach (ReadOnlySpan<byte> packet in G711Framing.EnumeratePackets(payload, 20))
        {
            Assert.Equal(160, packet.Length);
            Assert.Equal((byte)(count * 160), packet[0]);
            count++;
        }

        Assert.Equal(3, count);
        Assert.Equal(20, G711Framing.EnumeratePackets(payload, 20).Remainder.Length);
        Assert.Equal(unchecked((byte)480), G711Framing.EnumeratePackets(payload, 20).Remainder[0]);
    }

    [Fact]
    public void Exact_multiple_has_no_remainder_and_short_payload_no_packets()
    {
        var exact = new byte[240];
        int count = 0;
        foreach (ReadOnlySpan<byte> packet in G711Framing.EnumeratePackets(exact, 10))
        {
            count++;
        }

        Assert.Equal(3, count);
        Assert.True(G711Framing.EnumeratePackets(exact, 10).Remainder.IsEmpty);

        var enumerator = G711Framing.EnumeratePackets(new byte[79], 10);
        Assert.False(enumerator.MoveNext());
        Assert.Equal(79, enumerator.Remainder.Length);
    }
}
