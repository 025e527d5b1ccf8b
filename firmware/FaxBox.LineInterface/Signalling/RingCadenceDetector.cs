namespace FaxBox.LineInterface.Signalling;

/// <summary>
/// Counts ring cycles from a ring-detector reading sampled once per tick: a burst of at least the minimum length is a
/// ring; bursts separated by less than the cycle gap belong to one cycle (the UK double ring); no ring for the stop time
/// ends the ringing.
/// </summary>
internal sealed class RingCadenceDetector
{
    private readonly int _minimum;
    private readonly int _cycleGap;
    private readonly int _stopped;
    private int _on;
    private int _off;
    private int _silenceBefore;

    public RingCadenceDetector(int minimumTicks, int cycleGapTicks, int stoppedTicks)
    {
        _minimum = minimumTicks;
        _cycleGap = cycleGapTicks;
        _stopped = stoppedTicks;
    }

    /// <summary>Ring cycles recognised since ringing began (0 when not ringing).</summary>
    public int Count { get; private set; }

    /// <summary>No ringing seen or still to be timed out: nothing for the detector to count while the line is silent.</summary>
    public bool IsIdle => Count == 0 && _on == 0;

    /// <summary>Forgets the ringing (the line was answered).</summary>
    public void Reset()
    {
        Count = 0;
        _on = 0;
        _off = 0;
    }

    /// <summary>Takes one tick's reading; returns 1 when a new ring cycle was recognised, −1 when ringing stopped, else 0.</summary>
    public int Sample(bool ringPresent)
    {
        if (ringPresent)
        {
            if (_on == 0)
            {
                _silenceBefore = _off;
            }

            _on++;
            _off = 0;
            if (_on == _minimum && (Count == 0 || _silenceBefore >= _cycleGap))
            {
                Count++;
                return 1;
            }

            return 0;
        }

        _on = 0;
        _off++;
        if (Count > 0 && _off == _stopped)
        {
            Count = 0;
            return -1;
        }

        return 0;
    }
}
