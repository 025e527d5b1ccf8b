using FaxBox.Core;

namespace FaxBox.Media.Jitter;

/// <summary>
/// The voice jitter buffer: its target delay follows the interarrival jitter (RFC 3550 A.8 estimator, one frame plus
/// <see cref="AdaptiveJitterBufferOptions.JitterMultiplier"/> × jitter, within the min/max), and play-out moves toward
/// the target by dropping or inserting up to half a frame of samples, only in silent frames. Lost audio is concealed by
/// repeating the last frame, fading by half each frame (G.711 Appendix I style, simplified). Not for fax or modems:
/// use <see cref="FixedJitterBuffer"/> there. Allocation-free; media thread only.
/// </summary>
public sealed class AdaptiveJitterBuffer
{
    private const int Capacity = 16384;
    private const int Frame = AudioFrame.Samples;

    private readonly AdaptiveJitterBufferOptions _options;
    private readonly SampleRing _ring = new(Capacity);
    private readonly short[] _last = new short[Frame];
    private readonly short[] _scratch = new short[Frame + (Frame / 2)];
    private readonly int _min;
    private readonly int _max;
    private RtpTimestampUnwrapper _unwrapper;
    private bool _started;
    private long _playout;
    private long _highestEnd;
    private double _jitter;
    private long _previousTransit;
    private bool _haveTransit;
    private int _concealed;

    /// <summary>Creates a buffer with validated <paramref name="options"/>.</summary>
    public AdaptiveJitterBuffer(AdaptiveJitterBufferOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
        _min = ToSamples(options.MinDelay);
        _max = ToSamples(options.MaxDelay);
        TargetDelaySamples = ToSamples(options.InitialDelay);
    }

    /// <summary>Counters.</summary>
    public JitterBufferStatistics Statistics { get; } = new();

    /// <summary>The delay play-out is steering toward, in samples.</summary>
    public int TargetDelaySamples { get; private set; }

    /// <summary>The interarrival jitter estimate, in samples.</summary>
    public double JitterSamples => _jitter;

    /// <summary>Stores a packet that arrived at <paramref name="arrival"/> (any monotonic clock). False when late or out of range.</summary>
    public bool Put(uint timestamp, ReadOnlySpan<short> samples, TimeSpan arrival)
    {
        long position = _unwrapper.Unwrap(timestamp);
        long arrivalSamples = arrival.Ticks * AudioFrame.SampleRate / TimeSpan.TicksPerSecond;
        long transit = arrivalSamples - position;
        if (_haveTransit)
        {
            _jitter += (Math.Abs(transit - _previousTransit) - _jitter) / 16.0;
        }

        _previousTransit = transit;
        _haveTransit = true;
        TargetDelaySamples = (int)Math.Clamp(Frame + (_options.JitterMultiplier * _jitter), _min, _max);

        if (!_started)
        {
            _started = true;
            _playout = position - TargetDelaySamples;
            _highestEnd = position;
        }

        long end = position + samples.Length;
        if (end <= _playout)
        {
            Statistics.LatePackets++;
            return false;
        }

        if (end - _playout > Capacity - (2 * Frame))
        {
            Statistics.OverflowPackets++;
            _started = false; // re-centre on the next packet
            return false;
        }

        if (position < _playout)
        {
            samples = samples[(int)(_playout - position)..];
            position = _playout;
        }

        _ring.Write(position, samples);
        _highestEnd = Math.Max(_highestEnd, end);
        return true;
    }

    /// <summary>Plays out one 20 ms frame (160 samples).</summary>
    public void Get(Span<short> frame)
    {
        AudioFrame.EnsureFrame(frame.Length, nameof(frame));
        if (!_started)
        {
            frame.Clear();
            return;
        }

        // Only real silence may be stretched or shrunk; a hole (lost packet) is concealed, not resized.
        bool silent = _ring.Peek(_playout, frame) == 0 && SampleRing.IsSilent(frame, _options.SilenceThreshold);
        long level = _highestEnd - _playout;
        long error = level - TargetDelaySamples;
        int missing;
        if (silent && error > Frame / 4)
        {
            int drop = (int)Math.Min(error, Frame / 2);
            Span<short> wide = _scratch.AsSpan(0, Frame + drop);
            missing = _ring.Read(_playout, wide);
            wide[drop..].CopyTo(frame);
            _playout += Frame + drop;
            Statistics.SamplesDropped += drop;
        }
        else if (silent && error < -Frame / 4)
        {
            int insert = (int)Math.Min(-error, Frame / 2);
            frame[..insert].Clear();
            missing = _ring.Read(_playout, frame[insert..]);
            _playout += Frame - insert;
            Statistics.SamplesInserted += insert;
        }
        else
        {
            missing = _ring.Read(_playout, frame);
            _playout += Frame;
        }

        if (missing == Frame)
        {
            // Conceal a whole lost frame: the last good one, halved each time it is repeated.
            _concealed++;
            int shift = Math.Min(_concealed, 15);
            for (int i = 0; i < Frame; i++)
            {
                frame[i] = (short)(_last[i] >> shift);
            }
        }
        else
        {
            _concealed = 0;
            frame.CopyTo(_last);
        }

        Statistics.Frames++;
        Statistics.MissingSamples += missing;
        Statistics.BufferedSamples = (int)Math.Max(0, _highestEnd - _playout);
    }

    private static int ToSamples(TimeSpan t) => (int)(t.Ticks * AudioFrame.SampleRate / TimeSpan.TicksPerSecond);
}
