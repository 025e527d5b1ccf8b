using FaxBox.Core;

namespace FaxBox.LineInterface.Signalling;

/// <summary>
/// Recognises a special information tone (ITU-T E.180 §2.6 / Q.35): three tone segments in rising order near 950, 1400
/// and 1800 Hz (±50 Hz), each 330 ± 70 ms, with at most 30 ms between them. The Goertzel filters run over 10 ms half
/// frames, whose 100 Hz bins are wide enough to take every Telcordia variant (913.8/985.2, 1370.6/1428.5, 1776.7 Hz,
/// 274 or 380 ms), so one detector serves every region. Allocation-free.
/// </summary>
internal sealed class SitDetector
{
    private const int Half = AudioFrame.Samples / 2;
    private const int HalfMilliseconds = AudioFrame.Milliseconds / 2;
    private const double Share = 0.45;

    // E.180 §2.6: 330 ± 70 ms, less or more a half frame lost or gained at each boundary.
    private const int SegmentMinimumMilliseconds = 260 - (2 * HalfMilliseconds) - 30;
    private const int SegmentMaximumMilliseconds = 400 + (2 * HalfMilliseconds) + 30;

    // E.180 §2.6: a silent interval of up to 30 ms between segments, plus a mixed half frame at the boundary.
    private const int GapMaximumMilliseconds = 30 + HalfMilliseconds;

    private static readonly double[] NominalHz = [950, 1400, 1800];
    private readonly double[] _coefficients = [.. NominalHz.Select(f => 2 * Math.Cos(2 * Math.PI * f / AudioFrame.SampleRate))];
    private readonly double[] _magnitude2 = new double[NominalHz.Length];
    private readonly double _minimumMeanSquare;
    private int _segment = -1;
    private int _segmentMilliseconds;
    private int _gapMilliseconds;

    /// <param name="minimumMeanSquare">The quietest half frame (mean square) that can hold a segment.</param>
    public SitDetector(double minimumMeanSquare) => _minimumMeanSquare = minimumMeanSquare;

    /// <summary>Forgets any partial sequence.</summary>
    public void Reset()
    {
        _segment = -1;
        _segmentMilliseconds = 0;
        _gapMilliseconds = 0;
    }

    /// <summary>Feeds one 20 ms frame; true when a complete three-segment sequence ended in it.</summary>
    public bool Process(ReadOnlySpan<short> frame)
    {
        var first = Step(Label(frame[..Half]));
        var second = Step(Label(frame[Half..]));
        return first || second;
    }

    private bool Step(int label)
    {
        if (_segment >= 0 && label == _segment)
        {
            _segmentMilliseconds += HalfMilliseconds;
            _gapMilliseconds = 0;
            return false;
        }

        if (label >= 0 && label == _segment + 1 && (_segment < 0 || Valid(_segmentMilliseconds)))
        {
            _segment = label;
            _segmentMilliseconds = HalfMilliseconds;
            _gapMilliseconds = 0;
            return false;
        }

        if (label < 0 && _segment >= 0)
        {
            if (_segment == 2 && Valid(_segmentMilliseconds))
            {
                Reset();
                return true;
            }

            _gapMilliseconds += HalfMilliseconds;
            if (_gapMilliseconds > GapMaximumMilliseconds)
            {
                Reset();
            }

            return false;
        }

        // Out of order (or a third segment running too long): start again, perhaps with this half frame.
        Reset();
        if (label == 0)
        {
            _segment = 0;
            _segmentMilliseconds = HalfMilliseconds;
        }

        return false;
    }

    private static bool Valid(int milliseconds) => milliseconds is >= SegmentMinimumMilliseconds and <= SegmentMaximumMilliseconds;

    private int Label(ReadOnlySpan<short> half)
    {
        double sum = 0;
        foreach (var s in half)
        {
            sum += (double)s * s;
        }

        var meanSquare = sum / half.Length;
        if (meanSquare < _minimumMeanSquare)
        {
            return -1;
        }

        Goertzel.MagnitudesSquared(half, _coefficients, _magnitude2);
        for (var k = 0; k < _coefficients.Length; k++)
        {
            var power = 2 * _magnitude2[k] / ((double)half.Length * half.Length);
            if (power / meanSquare >= Share)
            {
                return k;
            }
        }

        return -1;
    }
}
