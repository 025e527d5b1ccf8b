namespace FaxBox.Media.Rtp;

/// <summary>
/// Per-source reception state of RFC 3550 Appendix A: sequence validation and extended highest sequence (A.1),
/// expected/lost counts and fraction lost per report interval (A.3), interarrival jitter (A.8).
/// </summary>
internal sealed class RtpReceptionState
{
    private const int MaxDropout = 3000;
    private const int MaxMisorder = 100;
    private const int MinSequential = 2;

    private ushort _maxSeq;
    private uint _cycles;
    private long _baseSeq;
    private uint _badSeq = 0x10001;
    private int _probation = MinSequential;
    private bool _seen;
    private long _expectedPrior;
    private long _receivedPrior;
    private long _transitPrevious;
    private bool _haveTransit;
    private double _jitter;

    public bool Valid { get; private set; }

    public uint Ssrc { get; private set; }

    public long Received { get; private set; }

    public long Duplicates { get; private set; }

    public uint ExtendedHighest => _cycles + _maxSeq;

    public long Expected => Valid ? (long)ExtendedHighest - _baseSeq + 1 : 0;

    public long CumulativeLost => Math.Max(0, Expected - Received);

    /// <summary>Interarrival jitter in timestamp units (A.8).</summary>
    public uint Jitter => (uint)_jitter;

    /// <summary>
    /// Updates for one packet (A.1 update_seq); false for duplicates and for a big jump awaiting confirmation. Packets
    /// during the probation of a new source are counted once the source is valid (the base includes them).
    /// </summary>
    public bool Update(uint ssrc, ushort seq, uint timestamp, long arrivalUnits)
    {
        if (!_seen || ssrc != Ssrc)
        {
            _seen = true;
            Reset(ssrc, seq);
            _maxSeq = (ushort)(seq - 1);
            _probation = MinSequential;
            Valid = false;
        }

        if (!Valid)
        {
            if (seq == (ushort)(_maxSeq + 1))
            {
                _probation--;
                _maxSeq = seq;
                if (_probation == 0)
                {
                    _baseSeq = seq - (MinSequential - 1);
                    Received = MinSequential;
                    Valid = true;
                }
            }
            else
            {
                _probation = MinSequential - 1;
                _maxSeq = seq;
            }

            Count(timestamp, arrivalUnits);
            return true;
        }

        ushort delta = (ushort)(seq - _maxSeq);
        if (delta == 0)
        {
            Duplicates++;
            return false;
        }

        if (delta < MaxDropout)
        {
            if (seq < _maxSeq)
            {
                _cycles += 0x10000;
            }

            _maxSeq = seq;
        }
        else if (delta <= 65536 - MaxMisorder)
        {
            // A very large jump: accept only when the next packet confirms it (the peer restarted its numbering).
            if (seq != _badSeq)
            {
                _badSeq = (uint)(seq + 1) & 0xFFFF;
                return false;
            }

            Reset(ssrc, seq);
            Valid = true;
        }

        Received++;
        Count(timestamp, arrivalUnits);
        return true;
    }

    /// <summary>Fraction lost since the previous call, in 1/256 (A.3), and rolls the interval.</summary>
    public byte TakeFractionLost()
    {
        long expectedInterval = Expected - _expectedPrior;
        long receivedInterval = Received - _receivedPrior;
        _expectedPrior = Expected;
        _receivedPrior = Received;
        long lostInterval = expectedInterval - receivedInterval;
        return expectedInterval == 0 || lostInterval <= 0 ? (byte)0 : (byte)Math.Min(255, (lostInterval << 8) / expectedInterval);
    }

    private void Count(uint timestamp, long arrivalUnits)
    {
        long transit = arrivalUnits - timestamp;
        if (_haveTransit)
        {
            long d = Math.Abs((int)(transit - _transitPrevious));
            _jitter += (d - _jitter) / 16.0;
        }

        _transitPrevious = transit;
        _haveTransit = true;
    }

    private void Reset(uint ssrc, ushort seq)
    {
        Ssrc = ssrc;
        _maxSeq = seq;
        _baseSeq = seq;
        _badSeq = 0x10001;
        _cycles = 0;
        Received = 0;
        _expectedPrior = 0;
        _receivedPrior = 0;
        _haveTransit = false;
        _jitter = 0;
    }
}
