using FaxBox.Core;
using FaxBox.Media.Rtp;

namespace FaxBox.Media.Rfc4733;

/// <summary>
/// Turns received telephone-event packets into one start and one end per event (RFC 4733 §2.5.2): an event is its RTP
/// timestamp; a lost first packet still starts it from any update; the repeated final packets end it once; a new
/// timestamp ends a previous event whose end was lost; and an event silent for
/// <see cref="TelephoneEventOptions.ReceiveTimeoutTicks"/> ticks is ended by timeout. Media thread; allocation-free.
/// </summary>
public sealed class TelephoneEventReceiver
{
    private readonly TelephoneEventOptions _options;
    private readonly ITelephoneEventHandler _handler;
    private bool _active;
    private bool _ended;
    private bool _any;
    private uint _timestamp;
    private TelephoneEventCode _code;
    private ushort _duration;
    private int _idleTicks;

    /// <summary>Creates a receiver reporting to <paramref name="handler"/>.</summary>
    public TelephoneEventReceiver(TelephoneEventOptions options, ITelephoneEventHandler handler)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(handler);
        options.Validate();
        _options = options;
        _handler = handler;
    }

    /// <summary>Packets whose payload did not parse.</summary>
    public long Malformed { get; private set; }

    /// <summary>Takes an RTP packet; returns false when it is not a telephone-event packet (another payload type).</summary>
    public bool OnRtpPacket(in RtpHeader header, ReadOnlySpan<byte> payload)
    {
        if (header.PayloadType != _options.PayloadType)
        {
            return false;
        }

        if (!TelephoneEvent.TryParse(payload, out TelephoneEvent e, out _))
        {
            Malformed++;
            return true;
        }

        if (!_any || header.Timestamp != _timestamp)
        {
            if (_any && (int)(header.Timestamp - _timestamp) < 0)
            {
                return true; // a straggler of an older event
            }

            if (_active && !_ended)
            {
                _handler.OnEventEnd(_code, ToTime(_duration), timedOut: true);
            }

            _any = true;
            _active = true;
            _ended = false;
            _timestamp = header.Timestamp;
            _code = e.Code;
            _duration = 0;
            _handler.OnEventStart(e.Code);
        }

        _idleTicks = 0;
        if (_ended)
        {
            return true; // a repeated final packet
        }

        _duration = Math.Max(_duration, e.Duration);
        if (e.End)
        {
            _ended = true;
            _handler.OnEventEnd(_code, ToTime(_duration), timedOut: false);
        }

        return true;
    }

    /// <summary>Call once per media tick: ends an event whose packets stopped.</summary>
    public void OnTick()
    {
        if (_active && !_ended && ++_idleTicks >= _options.ReceiveTimeoutTicks)
        {
            _ended = true;
            _handler.OnEventEnd(_code, ToTime(_duration), timedOut: true);
        }
    }

    private static TimeSpan ToTime(ushort duration) => TimeSpan.FromTicks(duration * TimeSpan.TicksPerSecond / AudioFrame.SampleRate);
}
