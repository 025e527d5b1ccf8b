using FaxBox.Core;

namespace FaxBox.Media.Jitter;

/// <summary>
/// The fax and modem pass-through jitter buffer (ITU-T V.152 voice-band data practice): play-out runs a fixed
/// <see cref="FixedJitterBufferOptions.Delay"/> behind the first packet, one 20 ms frame per tick; a missing packet plays
/// as silence in its own slot (no time stretching, no comfort noise, no PLC — a modem must see the gap, not a
/// fabrication), late packets are dropped. Clock drift between the peer's sampling clock and ours is measured as the
/// slow movement of the jitter-proof buffer level (the minimum over <see cref="FixedJitterBufferOptions.DriftWindow"/>)
/// and corrected by dropping or inserting samples only inside a silent frame that follows a silent frame — never inside
/// a modem burst. Allocation-free; used on the media thread only.
/// </summary>
public sealed class FixedJitterBuffer
{
    private const int Capacity = 16384;
    private const int Frame = AudioFrame.Samples;

    private readonly FixedJitterBufferOptions _options;
    private readonly SampleRing _ring = new(Capacity);
    private readonly short[] _scratch = new short[2 * Frame];
    private readonly int _delay;
    private readonly int _threshold;
    private readonly int _windowTicks;
    private RtpTimestampUnwrapper _unwrapper;
    private bool _started;
    private long _playout;
    private long _highestEnd;
    private int _consecutiveBad;
    private bool _previousSilent;
    private int _windowCount;
    private long _windowMin = long.MaxValue;
    private long _baseline = long.MinValue;
    private long _pending;
    private long _adjusted;

    /// <summary>Creates a buffer with validated <paramref name="options"/>.</summary>
    public FixedJitterBuffer(FixedJitterBufferOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
        _delay = (int)(options.Delay.Ticks * AudioFrame.SampleRate / TimeSpan.TicksPerSecond);
        _threshold = (int)(options.DriftThreshold.Ticks * AudioFrame.SampleRate / TimeSpan.TicksPerSecond);
        _windowTicks = (int)(options.DriftWindow / AudioFrame.Duration);
    }

    /// <summary>Counters.</summary>
    public JitterBufferStatistics Statistics { get; } = new();

    /// <summary>Samples of drift measured but not yet corrected (waiting for silence); positive = to drop.</summary>
    public long PendingDriftSamples => _pending;

    /// <summary>Stores a packet's decoded samples at its RTP timestamp (8 kHz units). False when late or out of range (counted).</summary>
    public bool Put(uint timestamp, ReadOnlySpan<short> samples)
    {
        long position = _unwrapper.Unwrap(timestamp);
        if (!_started)
        {
            Start(position);
        }

        long end = position + samples.Length;
        bool late = end <= _playout;
        if (late || end - _playout > Capacity - (2 * Frame))
        {
            if (late)
            {
                Statistics.LatePackets++;
            }
            else
            {
                Statistics.OverflowPackets++;
            }

            // A peer that restarted its timestamps sends nothing but "late" or "overflow" packets: follow it at the third.
            if (++_consecutiveBad < 3)
            {
                return false;
            }

            Start(position);
        }

        _consecutiveBad = 0;
        if (position < _playout)
        {
            samples = samples[(int)(_playout - position)..];
            position = _playout;
        }

        _ring.Write(position, samples);
        _highestEnd = Math.Max(_highestEnd, end);
        return true;
    }

    /// <summary>Plays out one 20 ms frame into <paramref name="frame"/> (160 samples); silence before the first packet.</summary>
    public void Get(Span<short> frame)
    {
        AudioFrame.EnsureFrame(frame.Length, nameof(frame));
        if (!_started)
        {
            frame.Clear();
            return;
        }

        TrackDrift();
        // A hole from a lost packet is not silence: only received quiet may absorb a drift correction.
        bool silent = _ring.Peek(_playout, frame) == 0 && SampleRing.IsSilent(frame, _options.SilenceThreshold);
        int missing;
        if (_pending > 0 && silent && _previousSilent)
        {
            int drop = (int)Math.Min(_pending, Frame);
            Span<short> wide = _scratch.AsSpan(0, Frame + drop);
            missing = _ring.Read(_playout, wide);
            wide[drop..].CopyTo(frame);
            _playout += Frame + drop;
            _pending -= drop;
            _adjusted -= drop;
            Statistics.SamplesDropped += drop;
        }
        else if (_pending < 0 && silent && _previousSilent)
        {
            int insert = (int)Math.Min(-_pending, Frame / 2);
            frame[..insert].Clear();
            missing = _ring.Read(_playout, frame[insert..]);
            _playout += Frame - insert;
            _pending += insert;
            _adjusted += insert;
            Statistics.SamplesInserted += insert;
        }
        else
        {
            missing = _ring.Read(_playout, frame);
            _playout += Frame;
        }

        _previousSilent = SampleRing.IsSilent(frame, _options.SilenceThreshold);
        Statistics.Frames++;
        Statistics.MissingSamples += missing;
        Statistics.BufferedSamples = (int)Math.Max(0, _highestEnd - _playout);
    }

    private void Start(long position)
    {
        _started = true;
        _playout = position - _delay;
        _highestEnd = position;
        _ring.Discard(0, Capacity);
        _windowCount = 0;
        _windowMin = long.MaxValue;
        _baseline = long.MinValue;
        _pending = 0;
        _adjusted = 0;
    }

    private void TrackDrift()
    {
        // The level as it would be without our own corrections, so a window that straddles one is not misread.
        long level = _highestEnd - _playout;
        if (level > 0)
        {
            _windowMin = Math.Min(_windowMin, level - _adjusted);
        }

        if (++_windowCount < _windowTicks)
        {
            return;
        }

        if (_windowMin != long.MaxValue)
        {
            if (_baseline == long.MinValue)
            {
                _baseline = _windowMin;
            }
            else
            {
                // Drift of the sender's clock so far, less what was already corrected (drops count negative).
                long remaining = _windowMin - _baseline + _adjusted;
                _pending = Math.Abs(remaining) >= _threshold ? remaining : 0;
            }
        }

        _windowCount = 0;
        _windowMin = long.MaxValue;
    }
}
