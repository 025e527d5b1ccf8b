using FaxBox.Core;

namespace FaxBox.Fax.SpanDsp.Tests.Audio;

/// <summary>Synthetic test signals, frame by frame.</summary>
public static class Signals
{
    /// <summary>Peak amplitude of a 0 dBm0 sine: full scale (32767) is +3.14 dBm0 in G.711.</summary>
    public static readonly double ZeroDbm0Peak = 32767 * Math.Pow(10, -3.14 / 20);

    /// <summary>RMS of a 0 dBm0 signal.</summary>
    public static readonly double ZeroDbm0Rms = ZeroDbm0Peak / Math.Sqrt(2);

    /// <summary>Frames of Gaussian white noise at <paramref name="dbm0"/>, reproducible from <paramref name="seed"/>.</summary>
    public static IEnumerable<short[]> WhiteNoise(double dbm0, int frames, int seed)
    {
        var random = new Random(seed);
        var sigma = ZeroDbm0Rms * Math.Pow(10, dbm0 / 20);
        for (var f = 0; f < frames; f++)
        {
            var frame = new short[AudioFrame.Samples];
            for (var i = 0; i < frame.Length; i++)
            {
                // Box–Muller.
                var u1 = 1.0 - random.NextDouble();
                var u2 = random.NextDouble();
                var g = Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
                frame[i] = (short)Math.Clamp(Math.Round(g * sigma), short.MinValue, short.MaxValue);
            }

            yield return frame;
        }
    }

    /// <summary>Silent frames.</summary>
    public static IEnumerable<short[]> Silence(int frames)
    {
        for (var f = 0; f < frames; f++)
        {
            yield return new short[AudioFrame.Samples];
        }
    }

    /// <summary>
    /// V.21 channel 2 (mark = 1 = 1650 Hz, space = 0 = 1850 Hz, 300 bit/s) phase-continuous FSK carrying back-to-back HDLC
    /// flags (0x7E, least significant bit first) for <paramref name="seconds"/>, at <paramref name="dbm0"/>.
    /// </summary>
    public static IEnumerable<short[]> V21Flags(double seconds, double dbm0)
    {
        var amplitude = ZeroDbm0Peak * Math.Pow(10, dbm0 / 20);
        var total = (int)(seconds * AudioFrame.SampleRate);
        var phase = 0.0;
        var n = 0;
        while (n < total)
        {
            var frame = new short[AudioFrame.Samples];
            for (var i = 0; i < frame.Length && n < total; i++, n++)
            {
                var bitIndex = n * 300L / AudioFrame.SampleRate;
                var bit = (0x7E >> (int)(bitIndex % 8)) & 1;
                var frequency = bit == 1 ? 1650.0 : 1850.0;
                phase += 2 * Math.PI * frequency / AudioFrame.SampleRate;
                frame[i] = (short)Math.Round(amplitude * Math.Sin(phase));
            }

            yield return frame;
        }
    }

    /// <summary>A pure sine of <paramref name="hz"/> at <paramref name="dbm0"/>, for <paramref name="frames"/> frames.</summary>
    public static IEnumerable<short[]> Sine(double hz, double dbm0, int frames)
    {
        var amplitude = ZeroDbm0Peak * Math.Pow(10, dbm0 / 20);
        var n = 0L;
        for (var f = 0; f < frames; f++)
        {
            var frame = new short[AudioFrame.Samples];
            for (var i = 0; i < frame.Length; i++, n++)
            {
                frame[i] = (short)Math.Round(amplitude * Math.Sin(2 * Math.PI * hz * n / AudioFrame.SampleRate));
            }

            yield return frame;
        }
    }
}
