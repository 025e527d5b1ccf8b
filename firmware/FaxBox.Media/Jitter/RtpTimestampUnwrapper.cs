namespace FaxBox.Media.Jitter;

/// <summary>Turns 32-bit RTP timestamps into a monotonic 64-bit line around the last one seen (RFC 3550 §5.1 wrap).</summary>
internal struct RtpTimestampUnwrapper
{
    private long _last;
    private bool _started;

    public long Unwrap(uint timestamp)
    {
        if (!_started)
        {
            _started = true;
            _last = timestamp + (1L << 32);
            return _last;
        }

        long candidate = (_last & ~0xFFFF_FFFFL) | timestamp;
        if (candidate - _last > int.MaxValue)
        {
            candidate -= 1L << 32;
        }
        else if (_last - candidate > int.MaxValue)
        {
            candidate += 1L << 32;
        }

        if (candidate > _last)
        {
            _last = candidate;
        }

        return candidate;
    }
}
