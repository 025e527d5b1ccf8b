using FaxBox.Core;

namespace FaxBox.LineInterface.Tests.Signalling;

/// <summary>
/// Measures a tone sequence with Goertzel filters: which of a few candidate frequencies sounds in each 1 ms step
/// (5 ms windows), as runs of (candidate index or −1 for silence, milliseconds), and the exact frequency and level of a stretch.
/// </summary>
internal static class ToneSegments
{
    private const int Window = 40;
    private const int Hop = 8;

    /// <summary>Runs of the dominant candidate, transitions shorter than 6 ms dropped and neighbours merged.</summary>
    public static List<(int Index, int Milliseconds)> Runs(ReadOnlySpan<short> audio, IReadOnlyList<double> candidates)
    {
        var raw = new List<(int Index, int Milliseconds)>();
        for (var start = 0; start + Window <= audio.Length; start += Hop)
        {
            var window = audio.Slice(start, Window);
            var total = MeanSquare(window);
            var label = -1;
            for (var k = 0; k < candidates.Count && total > 1; k++)
            {
                if (Power(window, candidates[k]) / total > 0.6)
                {
                    label = k;
                }
            }

            if (raw.Count > 0 && raw[^1].Index == label)
            {
                raw[^1] = (label, raw[^1].Milliseconds + 1);
            }
            else
            {
                raw.Add((label, 1));
            }
        }

        var runs = new List<(int Index, int Milliseconds)>();
        foreach (var run in raw.Where(r => r.Milliseconds >= 6))
        {
            if (runs.Count > 0 && runs[^1].Index == run.Index)
            {
                runs[^1] = (run.Index, runs[^1].Milliseconds + run.Milliseconds);
            }
            else
            {
                runs.Add(run);
            }
        }

        return runs;
    }

    /// <summary>The frequency (0.25 Hz steps within ±<paramref name="span"/> Hz of <paramref name="near"/>) with the most power.</summary>
    public static double PeakFrequency(ReadOnlySpan<short> audio, double near, double span = 80)
    {
        var best = near;
        var bestPower = -1.0;
        for (var f = near - span; f <= near + span; f += 0.25)
        {
            var p = Power(audio, f);
            if (p > bestPower)
            {
                bestPower = p;
                best = f;
            }
        }

        return best;
    }

    /// <summary>The mean square of <paramref name="audio"/>.</summary>
    public static double MeanSquare(ReadOnlySpan<short> audio)
    {
        double sum = 0;
        foreach (var s in audio)
        {
            sum += (double)s * s;
        }

        return sum / audio.Length;
    }

    /// <summary>The level in dBm0 of <paramref name="audio"/> (0 dBm0: a sine of peak 32767 × 10^(−3.14/20)).</summary>
    public static double LevelDbm0(ReadOnlySpan<short> audio)
    {
        var zero = Math.Pow(32767.0 * Math.Pow(10, -3.14 / 20), 2) / 2;
        return 10 * Math.Log10(MeanSquare(audio) / zero);
    }

    /// <summary>The mean-square power at <paramref name="hz"/> (Goertzel), on the scale of <see cref="MeanSquare"/>.</summary>
    public static double Power(ReadOnlySpan<short> audio, double hz)
    {
        var c = 2 * Math.Cos(2 * Math.PI * hz / AudioFrame.SampleRate);
        double s1 = 0, s2 = 0;
        foreach (var x in audio)
        {
            var s0 = x + (c * s1) - s2;
            s2 = s1;
            s1 = s0;
        }

        return 2 * ((s1 * s1) + (s2 * s2) - (c * s1 * s2)) / ((double)audio.Length * audio.Length);
    }
}
