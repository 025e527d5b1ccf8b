namespace FaxBox.Fax.SpanDsp.Tests.Audio;

/// <summary>Checks the test project's reference codec, so that "through A-law/µ-law" really means G.711.</summary>
public sealed class G711Tests
{
    [Fact]
    public void KnownCodePoints()
    {
        Assert.Equal(0xD5, G711.LinearToALaw(0));
        Assert.Equal(0xFF, G711.LinearToMuLaw(0));
        Assert.Equal(0x80, G711.LinearToMuLaw(short.MaxValue));
        Assert.Equal(0xAA, G711.LinearToALaw(short.MaxValue));
        Assert.Equal(0x2A, G711.LinearToALaw(short.MinValue));
    }

    [Theory]
    [InlineData(Companding.ALaw)]
    [InlineData(Companding.MuLaw)]
    public void RoundTripErrorIsWithinOneQuantisationStep(Companding law)
    {
        for (var x = short.MinValue; x < short.MaxValue - 7; x += 7)
        {
            Span<short> sample = [x];
            G711.RoundTrip(sample, law);

            // 4 mantissa bits: the step is at most 1/16 of the magnitude, with a floor for the smallest segments.
            Assert.InRange(Math.Abs(sample[0] - x), 0, Math.Max(Math.Abs((int)x) / 16, 16) + 8);
            Assert.True(x == 0 || sample[0] == 0 || Math.Sign(sample[0]) == Math.Sign((int)x) || Math.Abs((int)x) < 16);
        }
    }
}
