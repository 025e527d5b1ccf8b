using FaxBox.Media.G711;

namespace FaxBox.Media.Tests.G711;

public sealed class G711RoundTripTests
{
    [Theory]
    [InlineData(G711Law.ALaw)]
    [InlineData(G711Law.MuLaw)]
    public void Decoded_values_are_fixed_points_of_encode_then_decode(G711Law law)
    {
        for (int code = 0; code < 256; code++)
        {
            short decoded = G711Codec.Decode(law, (byte)code);
            Assert.Equal(decoded, G711Codec.Decode(law, G711Codec.Encode(law, decoded)));
        }
    }

    [Theory]
    [InlineData(G711Law.ALaw)]
    [InlineData(G711Law.MuLaw)]
    public void Every_code_but_negative_zero_survives_decode_then_encode(G711Law law)
    {
        // µ-law has two zeros (0xFF, 0x7F); encode(0) picks +0. A-law has no zero code, so every code round-trips.
        for (int code = 0; code < 256; code++)
        {
            if (law == G711Law.MuLaw && code == 0x7F)
            {
                continue;
            }

            Assert.Equal((byte)code, G711Codec.Encode(law, G711Codec.Decode(law, (byte)code)));
        }
    }

    [Fact]
    public void Dispatcher_matches_the_law_types()
    {
        short[] pcm = [0, 1, -1, 1000, -1000, short.MaxValue, short.MinValue];
        Span<byte> viaCodec = stackalloc byte[pcm.Length];
        Span<byte> direct = stackalloc byte[pcm.Length];

        G711Codec.Encode(G711Law.ALaw, pcm, viaCodec);
        G711ALaw.Encode(pcm, direct);
        Assert.True(viaCodec.SequenceEqual(direct));

        G711Codec.Encode(G711Law.MuLaw, pcm, viaCodec);
        G711MuLaw.Encode(pcm, direct);
        Assert.True(viaCodec.SequenceEqual(direct));

        Assert.Equal(0, G711Codec.Decode(G711Law.ALaw, G711Codec.Silence(G711Law.ALaw)) / 16); // ±8, the smallest step
        Assert.Equal(0, G711Codec.Decode(G711Law.MuLaw, G711Codec.Silence(G711Law.MuLaw)));
        Assert.Equal(8, G711Codec.RtpPayloadType(G711Law.ALaw));
        Assert.Equal(0, G711Codec.RtpPayloadType(G711Law.MuLaw));
        Assert.Throws<ArgumentOutOfRangeException>(() => G711Codec.Encode((G711Law)7, 0));
    }

    [Fact]
    public void Span_apis_reject_a_short_destination()
    {
        var pcm = new short[160];
        var codes = new byte[160];
        Assert.Throws<ArgumentException>(() => G711ALaw.Encode(pcm, new byte[159]));
        Assert.Throws<ArgumentException>(() => G711MuLaw.Encode(pcm, new byte[159]));
        Assert.Throws<ArgumentException>(() => G711ALaw.Decode(codes, new short[159]));
        Assert.Throws<ArgumentException>(() => G711MuLaw.Decode(codes, new short[159]));
    }

    [Fact]
    public void Span_apis_write_only_the_source_length()
    {
        short[] pcm = [0, 0];
        byte[] destination = [1, 2, 3, 4];
        G711ALaw.Encode(pcm, destination);
        Assert.Equal(new byte[] { 0xD5, 0xD5, 3, 4 }, destination);
    }
}
