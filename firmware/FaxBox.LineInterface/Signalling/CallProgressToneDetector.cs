using FaxBox.Core;
using FaxBox.LineInterface.Regions;

namespace FaxBox.LineInterface.Signalling;

/// <summary>
/// Recognises a region's call-progress tones (dial, ringback, busy, congestion) in 20 ms frames: Goertzel filters at the
/// region's tone frequencies decide per frame whether a tone is on (enough of the frame's power sits in one tone's
/// frequencies and it is above <see cref="MinimumLevelDbm0"/>), a 40 ms hangover removes single-frame glitches, and the
/// on/off durations are matched against each tone's cadence (ITU-T E.180 §2 tolerances, widened by the 20 ms frame).
/// Tones whose frequencies and cadences coincide in a region cannot be told apart; the first of dial, ringback, busy,
/// congestion wins (Japan and Australia report their congestion tone as busy). A special information tone (E.180 §2.6, any
/// of its regional variants) is recognised by <see cref="SitDetector"/> from its rising three-tone sequence and reported
/// as <see cref="CallProgressTone.Sit"/> until no sequence has ended for <see cref="SitHoldMilliseconds"/>.
/// Allocation-free per frame.
/// </summary>
public sealed class CallProgressToneDetector
{
    private const int History = 8;
    private const double ToneShare = 0.5;

    /// <summary>How long Sit stays reported after a sequence ended: a 1 s silence and a whole next sequence, with margin.</summary>
    private const int SitHoldMilliseconds = 2600;
    private static readonly CallProgressTone[] Kinds = [CallProgressTone.Dial, CallProgressTone.Ringback, CallProgressTone.Busy, CallProgressTone.Congestion];

    private readonly ToneSpec[] _specs;
    private readonly double[] _frequencies;
    private readonly double[] _coefficients;
    private readonly double[] _power;
    private readonly int[][] _specFrequencyIndex;
    private readonly int[] _continuousThresholdFrames;
    private readonly int[] _endFrames;
    private readonly double _minimumMeanSquare;
    private readonly int _window;
    private readonly bool[] _segmentOn = new bool[History];
    private readonly int[] _segmentFrames = new int[History];
    private readonly double[][] _segmentShare;
    private readonly double[] _runShare;
    private readonly SitDetector _sit;
    private int _sitQuietFrames;
    private int _segments;
    private bool _state;
    private int _run;
    private int _pending;
    private long _frames;

    /// <summary>Creates a detector for one region's tone plan.</summary>
    /// <param name="region">The tone plan.</param>
    /// <param name="minimumLevelDbm0">The quietest tone recognised. Default −45 dBm0.</param>
    public CallProgressToneDetector(LineRegion region, double minimumLevelDbm0 = -45)
    {
        ArgumentNullException.ThrowIfNull(region);
        MinimumLevelDbm0 = minimumLevelDbm0;
        _minimumMeanSquare = Dbm0.MeanSquare(minimumLevelDbm0);
        _sit = new SitDetector(_minimumMeanSquare);
        _specs = [.. Kinds.Select(region.ToneOf)];
        _frequencies = [.. _specs.SelectMany(s => s.FrequenciesHz).Distinct()];
        _coefficients = [.. _frequencies.Select(f => 2 * Math.Cos(2 * Math.PI * f / AudioFrame.SampleRate))];
        _power = new double[_frequencies.Length];
        _specFrequencyIndex = [.. _specs.Select(s => s.FrequenciesHz.Select(f => Array.IndexOf(_frequencies, f)).ToArray())];
        _segmentShare = [.. Enumerable.Range(0, History).Select(_ => new double[_specs.Length])];
        _runShare = new double[_specs.Length];
        _continuousThresholdFrames = new int[_specs.Length];
        _endFrames = new int[_specs.Length];

        // Cadences are matched over as many segments as the longest cadence has, so that a short pattern (200 on 200 off)
        // is not found inside a longer one (Italy's dial tone 200 on 200 off 600 on 1000 off).
        _window = Math.Max(2, _specs.Max(s => s.Cadence.OnOffMilliseconds.Count));
        for (var k = 0; k < _specs.Length; k++)
        {
            var spec = _specs[k];
            var longestSimilarOn = _specs
                .Where(o => !o.Cadence.IsContinuous && SameFrequencies(o, spec))
                .SelectMany(o => o.Cadence.OnOffMilliseconds.Where((_, i) => i % 2 == 0))
                .DefaultIfEmpty(0)
                .Max();
            _continuousThresholdFrames[k] = FramesOf(Math.Max(500, longestSimilarOn + 300));
            var longestOff = spec.Cadence.OnOffMilliseconds.Where((_, i) => i % 2 == 1).DefaultIfEmpty(0).Max();
            _endFrames[k] = FramesOf(longestOff + 400);
        }
    }

    /// <summary>The quietest tone recognised, in dBm0 per frame.</summary>
    public double MinimumLevelDbm0 { get; }

    /// <summary>The tone recognised now.</summary>
    public CallProgressTone Current { get; private set; }

    /// <summary>Raised synchronously from <see cref="Process"/> when <see cref="Current"/> changes.</summary>
    public event EventHandler<CallProgressTone>? Changed;

    /// <summary>Forgets everything heard (a new call).</summary>
    public void Reset()
    {
        _segments = 0;
        _state = false;
        _run = 0;
        _pending = 0;
        Array.Clear(_runShare);
        _sit.Reset();
        _sitQuietFrames = 0;
        Current = CallProgressTone.None;
    }

    /// <summary>Feeds one 20 ms frame.</summary>
    public void Process(ReadOnlySpan<short> frame)
    {
        AudioFrame.EnsureFrame(frame.Length, nameof(frame));
        _frames++;
        var meanSquare = Analyse(frame);
        var best = 0.0;
        for (var k = 0; k < _specs.Length; k++)
        {
            var share = 0.0;
            foreach (var f in _specFrequencyIndex[k])
            {
                share += _power[f];
            }

            share = meanSquare > 0 ? share / meanSquare : 0;
            best = Math.Max(best, share);
            if (_state)
            {
                _runShare[k] += Math.Min(share, 1);
            }
        }

        var on = meanSquare >= _minimumMeanSquare && best >= ToneShare;
        if (on == _state)
        {
            _run++;
            _pending = 0;
        }
        else if (++_pending >= 2)
        {
            // A confirmed change: the new state began _pending frames ago.
            CompleteSegment(_run);
            _state = on;
            _run = _pending;
            _pending = 0;
            Array.Clear(_runShare);
        }
        else
        {
            _run++;
        }

        if (_sit.Process(frame))
        {
            _sitQuietFrames = 0;
            Report(CallProgressTone.Sit);
            return;
        }

        if (Current == CallProgressTone.Sit)
        {
            // SIT's own frames look like no known tone to the cadence matcher; it may still recognise a tone that follows.
            _sitQuietFrames++;
            if (_sitQuietFrames * AudioFrame.Milliseconds >= SitHoldMilliseconds)
            {
                Report(CallProgressTone.None);
            }
        }

        Classify();
    }

    private static bool SameFrequencies(ToneSpec a, ToneSpec b) =>
        a.FrequenciesHz.Count == b.FrequenciesHz.Count && a.FrequenciesHz.All(f => b.FrequenciesHz.Any(g => Math.Abs(f - g) < 30));

    private static int FramesOf(int milliseconds) => (milliseconds + AudioFrame.Milliseconds - 1) / AudioFrame.Milliseconds;

    private static bool Near(int frames, int milliseconds)
    {
        var observed = frames * AudioFrame.Milliseconds;
        return Math.Abs(observed - milliseconds) <= 60 + (milliseconds / 10);
    }

    private double Analyse(ReadOnlySpan<short> frame)
    {
        double sum = 0;
        foreach (var s in frame)
        {
            sum += (double)s * s;
        }

        Goertzel.MagnitudesSquared(frame, _coefficients, _power);
        for (var f = 0; f < _frequencies.Length; f++)
        {
            _power[f] = 2 * _power[f] / ((double)frame.Length * frame.Length);
        }

        return sum / frame.Length;
    }

    private void CompleteSegment(int frames)
    {
        if (_frames <= frames + 2 && !_state)
        {
            return; // the silence before anything was heard is not a cadence segment
        }

        var slot = _segments % History;
        _segmentOn[slot] = _state;
        _segmentFrames[slot] = frames;
        for (var k = 0; k < _specs.Length; k++)
        {
            _segmentShare[slot][k] = frames > 0 ? _runShare[k] / frames : 0;
        }

        _segments++;
        MatchCadences();
    }

    private void MatchCadences()
    {
        for (var k = 0; k < _specs.Length; k++)
        {
            var pattern = _specs[k].Cadence.OnOffMilliseconds;
            var n = pattern.Count;
            if (n == 0 || _segments < _window)
            {
                continue;
            }

            for (var r = 0; r < n; r += 2)
            {
                if (Matches(k, pattern, r))
                {
                    Report(Kinds[k]);
                    return;
                }
            }
        }
    }

    private bool Matches(int k, IReadOnlyList<int> pattern, int rotation)
    {
        var n = pattern.Count;
        for (var j = 0; j < _window; j++)
        {
            var slot = (_segments - _window + j) % History;
            var expectOn = (rotation + j) % 2 == 0;
            if (_segmentOn[slot] != expectOn || !Near(_segmentFrames[slot], pattern[(rotation + j) % n]))
            {
                return false;
            }

            if (expectOn && !Dominant(_segmentShare[slot], k))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Whether tone <paramref name="k"/> holds enough of the power, and nearly as much as the best-fitting tone.</summary>
    /// <param name="shares">Per-tone power shares (each capped at 1 per frame), summed over <paramref name="frames"/> frames.</param>
    /// <param name="k">The tone in question.</param>
    /// <param name="frames">How many frames the shares sum.</param>
    private static bool Dominant(double[] shares, int k, int frames = 1)
    {
        var best = 0.0;
        foreach (var share in shares)
        {
            best = Math.Max(best, share);
        }

        return frames > 0 && shares[k] >= 0.85 * best && shares[k] / frames >= ToneShare * 0.8;
    }

    private void Classify()
    {
        if (_state)
        {
            for (var k = 0; k < _specs.Length; k++)
            {
                if (_specs[k].Cadence.IsContinuous && _run >= _continuousThresholdFrames[k] && Dominant(_runShare, k, _run))
                {
                    Report(Kinds[k]);
                    return;
                }
            }

            return;
        }

        if (Current is not (CallProgressTone.None or CallProgressTone.Sit))
        {
            var k = Array.IndexOf(Kinds, Current);
            var limit = _specs[k].Cadence.IsContinuous ? FramesOf(300) : _endFrames[k];
            if (_run >= limit)
            {
                Report(CallProgressTone.None);
            }
        }
    }

    private void Report(CallProgressTone tone)
    {
        if (tone != Current)
        {
            Current = tone;
            Changed?.Invoke(this, tone);
        }
    }
}
