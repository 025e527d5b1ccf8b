using FaxBox.Media.G711;

namespace FaxBox.Media.Tests.G711;

/// <summary>Exhaustive bit-exactness against Debian's libspandsp 0.0.6 G.711.</summary>
public sealed class G711SpanDspReferenceTests
{
    [Fact]
    public void ALaw_encodes_every_int16_like_libspandsp()
    {
        byte[] expected = SpanDspG711.EncodeAll(SpanDspG711.G711_ALAW);
        AssertEncodesAll(expected, G711ALaw.Encode, G711ALaw.Encode);
    }

    [Fact]
    public void MuLaw_encodes_every_int16_like_libspandsp()
    {
        byte[] expected = SpanDspG711.EncodeAll(SpanDspG711.G711_ULAW);
        AssertEncodesAll(expected, G711MuLaw.Encode, G711MuLaw.Encode);
    }

    [Fact]
    public void ALaw_decodes_every_code_like_libspandsp()
    {
        short[] expected = SpanDspG711.DecodeAll(SpanDspG711.G711_ALAW);
        AssertDecodesAll(expected, G711ALaw.Decode, G711ALaw.Decode);
    }

    [Fact]
    public void MuLaw_decodes_every_code_like_libspandsp()
    {
        short[] expected = SpanDspG711.DecodeAll(SpanDspG711.G711_ULAW);
        AssertDecodesAll(expected, G711MuLaw.Decode, G711MuLaw.Decode);
    }

    private delegate void SpanEncoder(ReadOnlySpan<short> pcm, Span<byte> destination);

    private delegate void SpanDecoder(ReadOnlySpan<byte> codes, Span<short> destination);

    private static void AssertEncodesAll(byte[] expected, Func<short, byte> single, SpanEncoder span)
    {
        var pcm = new short[65536];
        for (int i = 0; i < pcm.Length; i++)
        {
            pcm[i] = (short)(i - 32768);
        }

        var actual = new byte[65536];
        span(pcm, actual);
        for (int i = 0; i < pcm.Length; i++)
        {
            if (actual[i] != expected[i] || single(pcm[i]) != expected[i])
            {
                Assert.Fail($"sample {pcm[i]}: libspandsp 0x{expected[i]:X2}, span 0x{actual[i]:X2}, single 0x{single(pcm[i]):X2}");
            }
        }
    }

    private static void AssertDecodesAll(short[] expected, Func<byte, short> single, SpanDecoder span)
    {
        var codes = new byte[256];
        for (int i = 0; i < codes.Length; i++)
        {
            codes[i] = (byte)i;
        }

        var actual = new short[256];
        span(codes, actual);
        for (int i = 0; i < codes.Length; i++)
        {
            if (actual[i] != expected[i] || single(codes[i]) != expected[i])
            {
                Assert.Fail($"code 0x{i:X2}: libspandsp {expected[i]}, span {actual[i]}, single {single(codes[i])}");
            }
        }
    }
}
