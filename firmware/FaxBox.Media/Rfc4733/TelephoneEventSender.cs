using FaxBox.Core;
using FaxBox.Media.Rtp;

namespace FaxBox.Media.Rfc4733;

/// <summary>
/// Sends one telephone event at a time (RFC 4733 §2.5.1): the first packet with the marker bit, an update every tick with
/// the growing duration, all with the event's start timestamp, then the final packet with the E bit
/// <see cref="TelephoneEventOptions.EndPackets"/> times. The audio timestamp advances underneath, so audio resumes in
/// step. Events longer than one 16-bit duration (8.19 s) are not supported (validated). Media thread; allocation-free.
/// </summary>
public sealed class TelephoneEventSender
{
    private readonly IRtpSender _rtp;
    private readonly TelephoneEventOptions _options;
    private readonly byte[] _payload = new byte[TelephoneEvent.Length];
    private TelephoneEventCode _code;
    private uint _start;
    private int _elapsed;
    private int _duration;
    private int _endsLeft;
    private bool _first;

    /// <summary>Creates a sender on <paramref name="rtp"/>.</summary>
    public TelephoneEventSender(IRtpSender rtp, TelephoneEventOptions options)
    {
        ArgumentNullException.ThrowIfNull(rtp);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _rtp = rtp;
        _options = options;
    }

    /// <summary>True while an event (or its final packets) is being sent; the caller sends no audio then.</summary>
    public bool Busy => _endsLeft > 0;

    /// <summary>Starts <paramref name="code"/> for <paramref name="duration"/> (rounded up to whole ticks, 20 ms..8 s).</summary>
    public void Start(TelephoneEventCode code, TimeSpan duration)
    {
        if (Busy)
        {
            throw new InvalidOperationException($"telephone event {_code} is still being sent");
        }

        if (duration < AudioFrame.Duration || duration > TimeSpan.FromSeconds(8))
        {
            throw new ArgumentOutOfRangeException(nameof(duration), duration, "an RFC 4733 event lasts 20 ms..8 s here");
        }

        _code = code;
        _start = _rtp.NextTimestamp;
        _duration = (int)Math.Ceiling(duration / AudioFrame.Duration) * AudioFrame.Samples;
        _elapsed = 0;
        _endsLeft = _options.EndPackets;
        _first = true;
    }

    /// <summary>Sends this tick's packet, if any. Call once per media tick instead of sending audio while <see cref="Busy"/>.</summary>
    public void OnTick()
    {
        if (!Busy)
        {
            return;
        }

        bool end = false;
        if (_elapsed < _duration)
        {
            _elapsed += AudioFrame.Samples;
            _rtp.AdvanceTimestamp(AudioFrame.Samples);
            end = _elapsed >= _duration;
        }
        else
        {
            end = true;
            _rtp.AdvanceTimestamp(AudioFrame.Samples);
        }

        if (end)
        {
            _endsLeft--;
        }

        new TelephoneEvent(_code, end, _options.Volume, (ushort)_elapsed).Write(_payload);
        _rtp.Send(_options.PayloadType, _payload, _start, _first);
        _first = false;
    }
}
