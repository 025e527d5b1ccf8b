using FaxBox.Core;
using FaxBox.LineInterface.Signalling;

namespace FaxBox.LineInterface.Tests.Signalling;

public sealed class GoertzelTests
{
    /// <summary>One filter at a time, as the detectors computed it before the filters ran side by side.</summary>
    private static double Reference(ReadOnlySpan<short> block, double c)
    {
        double s1 = 0, s2 = 0;
        foreach (var x in block)
        {
            var s0 = x + (c * s1) - s2;
            s2 = s1;
            s1 = s0;
        }

        return (s1 * s1) + (s2 * s2) - (c * s1 * s2);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(7)]
    [InlineData(8)]
    public void Side_by_side_filters_are_bit_identical_to_one_at_a_time(int filters)
    {
        var random = new Random(filters);
        double[] coefficients = [.. Enumerable.Range(0, filters).Select(_ => 2 * Math.Cos(2 * Math.PI * random.Next(200, 3800) / AudioFrame.SampleRate))];
        foreach (var length in (int[])[AudioFrame.Samples, AudioFrame.Samples / 2, 1])
        {
            var block = new short[length];
            for (var i = 0; i < block.Length; i++)
            {
                block[i] = (short)random.Next(short.MinValue, short.MaxValue + 1);
            }

            var result = new double[filters];
            Goertzel.MagnitudesSquared(block, coefficients, result);
            for (var k = 0; k < filters; k++)
            {
                Assert.Equal(BitConverter.DoubleToInt64Bits(Reference(block, coefficients[k])), BitConverter.DoubleToInt64Bits(result[k]));
            }
        }
    }

    [Fact]
    public void A_pure_tone_peaks_at_its_own_frequency()
    {
        var block = new short[AudioFrame.Samples];
        for (var i = 0; i < block.Length; i++)
        {
            block[i] = (short)(8000 * Math.Sin(2 * Math.PI * 440 * i / AudioFrame.SampleRate));
        }

        double[] coefficients = [.. ((double[])[350, 440, 480, 620, 950]).Select(f => 2 * Math.Cos(2 * Math.PI * f / AudioFrame.SampleRate))];
        var result = new double[coefficients.Length];
        Goertzel.MagnitudesSquared(block, coefficients, result);
        Assert.Equal(1, Array.IndexOf(result, result.Max()));
        Assert.True(result[1] > 10 * result[0], $"440 Hz {result[1]} vs 350 Hz {result[0]}");
    }

    [Fact]
    public void Too_few_results_is_rejected()
    {
        var e = Assert.Throws<ArgumentException>(() => Goertzel.MagnitudesSquared(new short[4], new double[3], new double[2]));
        Assert.Contains("one result per coefficient", e.Message, StringComparison.Ordinal);
    }
}
