using FaxBox.Core;
using FaxBox.LineInterface.Simulated;
using Xunit.Abstractions;

namespace FaxBox.LineInterface.Tests.Simulated;

public sealed class SampleClockSkewTests(ITestOutputHelper output)
{
    /// <summary>Pushes a tone through the resampler frame by frame; returns per-frame (amplitude, phase) of the output at the expected frequency.</summary>
    private static (double[] Amplitude, double[] Phase, int Slips) Measure(double toneHz, double ppm, int frames, double level = 10000)
    {
        var skew = new SampleClockSkew(ppm);
        var frame = new short[AudioFrame.Samples];
        var amplitude = new double[frames];
        var phase = new double[frames];
        var expected = toneHz * (1 + (ppm * 1e-6));
        long n = 0;
        long outN = 0;
        for (var f = 0; f < frames; f++)
        {
            for (var i = 0; i < frame.Length; i++, n++)
            {
                frame[i] = (short)Math.Round(level * Math.Sin(2 * Math.PI * toneHz * n / 8000.0));
            }

            skew.Process(frame);
            double re = 0, im = 0;
            for (var i = 0; i < frame.Length; i++, outN++)
            {
                var w = 2 * Math.PI * expected * outN / 8000.0;
                re += frame[i] * Math.Cos(w);
                im -= frame[i] * Math.Sin(w);
            }

            amplitude[f] = 2 * Math.Sqrt((re * re) + (im * im)) / frame.Length;
            phase[f] = Math.Atan2(im, re);
        }

        return (amplitude, phase, skew.Slips);
    }

    [Theory]
    [InlineData(1000, 20)]
    [InlineData(3000, 20)]
    [InlineData(3400, -50)]
    [InlineData(300, 100)]
    public void Tone_comes_out_at_the_shifted_frequency_with_flat_amplitude(double toneHz, double ppm)
    {
        // 20 s: at 20 ppm the read position slides 3.2 samples, so every fractional phase of the interpolator is crossed.
        var (amplitude, phase, slips) = Measure(toneHz, ppm, frames: 1000);
        var settled = amplitude.Skip(5).ToArray();
        var rippleDb = 20 * Math.Log10(settled.Max() / settled.Min());
        var gainDb = 20 * Math.Log10(settled.Average() / 10000);

        // Phase at the expected frequency must stay still (a frequency error of δ Hz turns it by 2πδ·20 ms per frame).
        var drift = 0.0;
        for (var f = 6; f < phase.Length; f++)
        {
            drift = Math.Max(drift, Math.Abs(Math.IEEERemainder(phase[f] - phase[5], 2 * Math.PI)));
        }

        output.WriteLine($"{toneHz} Hz at {ppm} ppm: gain {gainDb:0.000} dB, ripple {rippleDb:0.000} dB, phase drift {drift:0.0000} rad over 20 s, slips {slips}");
        Assert.Equal(0, slips);
        Assert.InRange(rippleDb, 0, 0.05);
        Assert.InRange(gainDb, -0.1, 0.1);
        Assert.InRange(drift, 0, 0.02);
    }

    [Fact]
    public void Output_follows_the_ideal_shifted_sine_sample_by_sample_across_frame_boundaries()
    {
        const double Ppm = 20;
        var skew = new SampleClockSkew(Ppm);
        var frame = new short[AudioFrame.Samples];
        var expected = 1000 * (1 + (Ppm * 1e-6));
        long n = 0;
        var worst = 0.0;
        var worstAtBoundary = 0.0;
        for (var f = 0; f < 1000; f++)
        {
            for (var i = 0; i < frame.Length; i++)
            {
                frame[i] = (short)Math.Round(10000 * Math.Sin(2 * Math.PI * 1000 * (f * frame.Length + i) / 8000.0));
            }

            skew.Process(frame);
            for (var i = 0; i < frame.Length; i++, n++)
            {
                // The resampler delays by its 320-sample cushion (in input samples, read at the input clock).
                var ideal = 10000 * Math.Sin(2 * Math.PI * 1000 * ((n * (1 + (Ppm * 1e-6))) - 320) / 8000.0);
                var error = Math.Abs(frame[i] - ideal);
                if (f > 2)
                {
                    worst = Math.Max(worst, error);
                    if (i is 0 or AudioFrame.Samples - 1)
                    {
                        worstAtBoundary = Math.Max(worstAtBoundary, error);
                    }
                }
            }
        }

        output.WriteLine($"1 kHz at +20 ppm ({expected:0.000} Hz): worst error {worst:0.00} LSB of 10000, at frame boundaries {worstAtBoundary:0.00}");
        Assert.InRange(worst, 0, 2.0);
        Assert.InRange(worstAtBoundary, 0, 2.0);
    }
}
