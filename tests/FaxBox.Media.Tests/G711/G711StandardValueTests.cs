using FaxBox.Media.G711;

namespace FaxBox.Media.Tests.G711;

/// <summary>Values read off ITU-T G.711 Tables 1 (A-law) and 2 (µ-law), scaled to 16 bits (×8 A-law, ×4 µ-law).</summary>
public sealed class G711StandardValueTests
{
    [Theory]
    [InlineData(0, 0xD5)] // positive zero: 1000 0000 with the even bits inverted
    [InlineData(-1, 0x55)] // negative zero
    [InlineData(7, 0xD5)]
    [InlineData(-8, 0x55)] // -8 >> 3 = -1: still the first negative step
    [InlineData(-16, 0x55)] // -16 >> 3 = -2, magnitude 1: segment 0 steps by 2 on the 13-bit scale
    [InlineData(-17, 0x54)] // -17 >> 3 = -3, magnitude 2: step 1
    [InlineData(32767, 0xAA)] // 1111 1111 ^ 0x55: positive full scale
    [InlineData(-32768, 0x2A)] // 0111 1111 ^ 0x55: negative full scale
    public void ALaw_encodes_standard_characters(short sample, int expected) =>
        Assert.Equal((byte)expected, G711ALaw.Encode(sample));

    [Theory]
    [InlineData(0xD5, 8)] // segment 0, step 0: output 1
    [InlineData(0x55, -8)]
    [InlineData(0xD4, 24)] // segment 0, step 1: output 3
    [InlineData(0xC5, 264)] // segment 1, step 0: output 33
    [InlineData(0xF5, 528)] // segment 2, step 0: output 66
    [InlineData(0xA5, 16896)] // segment 7, step 0: output 2112
    [InlineData(0xAA, 32256)] // segment 7, step 15: output 4032
    [InlineData(0x2A, -32256)]
    public void ALaw_decodes_standard_outputs(int code, short expected) =>
        Assert.Equal(expected, G711ALaw.Decode((byte)code));

    [Theory]
    [InlineData(0, 0xFF)] // positive zero: 1000 0000 with every bit inverted
    [InlineData(-1, 0x7F)] // |-1| / 4 = 0: negative zero
    [InlineData(8, 0xFE)]
    [InlineData(32767, 0x80)]
    [InlineData(-32768, 0x00)]
    [InlineData(-32767, 0x00)]
    public void MuLaw_encodes_standard_characters(short sample, int expected) =>
        Assert.Equal((byte)expected, G711MuLaw.Encode(sample));

    [Theory]
    [InlineData(0xFF, 0)] // segment 0, step 0: output 0
    [InlineData(0x7F, 0)] // negative zero decodes to 0 as well
    [InlineData(0xFE, 8)] // segment 0, step 1: output 2
    [InlineData(0xF0, 120)] // segment 0, step 15: output 30
    [InlineData(0xEF, 132)] // segment 1, step 0: output 33
    [InlineData(0xDF, 396)] // segment 2, step 0: output 99
    [InlineData(0x80, 32124)] // segment 7, step 15: output 8031
    [InlineData(0x00, -32124)]
    public void MuLaw_decodes_standard_outputs(int code, short expected) =>
        Assert.Equal(expected, G711MuLaw.Decode((byte)code));

    [Fact]
    public void Decode_extremes_are_the_standard_top_steps()
    {
        var aLaw = Enumerable.Range(0, 256).Select(c => (int)G711ALaw.Decode((byte)c)).ToArray();
        var muLaw = Enumerable.Range(0, 256).Select(c => (int)G711MuLaw.Decode((byte)c)).ToArray();

        Assert.Equal(G711ALaw.MaxDecoded, aLaw.Max());
        Assert.Equal(-G711ALaw.MaxDecoded, aLaw.Min());
        Assert.Equal(32256, G711ALaw.MaxDecoded);
        Assert.Equal(G711MuLaw.MaxDecoded, muLaw.Max());
        Assert.Equal(-G711MuLaw.MaxDecoded, muLaw.Min());
        Assert.Equal(32124, G711MuLaw.MaxDecoded);
    }

    [Fact]
    public void ALaw_inverts_even_bits_so_the_natural_character_is_sign_magnitude_monotonic()
    {
        // Undo the even-bit inversion: natural characters 0x80..0xFF must decode to increasing positive values,
        // 0x00..0x7F to the same magnitudes negated.
        for (int natural = 0x80; natural < 0xFF; natural++)
        {
            short lower = G711ALaw.Decode((byte)(natural ^ 0x55));
            short higher = G711ALaw.Decode((byte)((natural + 1) ^ 0x55));
            Assert.True(lower > 0 && higher > lower, $"natural 0x{natural:X2}: {lower} then {higher}");
            Assert.Equal(-lower, G711ALaw.Decode((byte)((natural & 0x7F) ^ 0x55)));
        }
    }

    [Fact]
    public void MuLaw_sends_positive_with_bit_1_set_and_magnitude_bits_inverted()
    {
        // +0 is 1111 1111 and positive full scale 1000 0000: going down from 0xFF must increase, and the
        // negative half mirrors it with bit 1 clear.
        for (int k = 0; k < 127; k++)
        {
            short lower = G711MuLaw.Decode((byte)(0xFF - k));
            short higher = G711MuLaw.Decode((byte)(0xFF - k - 1));
            Assert.True(lower >= 0 && higher > lower, $"0x{0xFF - k:X2}: {lower}, 0x{0xFE - k:X2}: {higher}");
            Assert.Equal(-lower, G711MuLaw.Decode((byte)(0x7F - k)));
        }
    }

    [Theory]
    [InlineData(G711Law.ALaw)]
    [InlineData(G711Law.MuLaw)]
    public void Encode_is_monotonic_over_all_int16(G711Law law)
    {
        short previous = short.MinValue;
        for (int s = short.MinValue; s <= short.MaxValue; s++)
        {
            short decoded = G711Codec.Decode(law, G711Codec.Encode(law, (short)s));
            Assert.True(decoded >= previous, $"{law}: {s} decodes to {decoded}, below {previous}");
            previous = decoded;
        }
    }
}
