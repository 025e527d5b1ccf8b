namespace FaxBox.Fax.Modems;

/// <summary>
/// Collects what a receiver delivers and, at the end, compares it with the pattern a <see cref="PrbsBitSource"/> with
/// the same seed sent. The start of the pattern is found by sliding the first <see cref="SyncBits"/> pattern bits over
/// the first received bits (so preamble, training leftovers or bits lost before carrier detect do not count); from
/// there every differing bit and every pattern bit never received is an error. Bits are stored in a buffer sized up
/// front, so collecting does not allocate. Also implements the sink's status side by counting the reports.
/// </summary>
public sealed class BitErrorCounter : IModemBitSink
{
    /// <summary>Pattern bits used to find the start of the data.</summary>
    public const int SyncBits = 128;

    private readonly byte[] _received;
    private readonly int _seed;
    private readonly long _dataBits;
    private readonly int _searchBits;
    private int _count;

    /// <param name="dataBits">The pattern length the sender used.</param>
    /// <param name="seed">The sender's seed.</param>
    /// <param name="searchBits">How far into the received bits the start of the pattern may be.</param>
    public BitErrorCounter(long dataBits, int seed, int searchBits)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(dataBits);
        ArgumentOutOfRangeException.ThrowIfNegative(searchBits);
        _dataBits = dataBits;
        _seed = seed;
        _searchBits = searchBits;
        _received = new byte[checked((int)dataBits + searchBits + 4096)];
    }

    /// <summary>Bits received (beyond the buffer they are dropped and counted only here).</summary>
    public long Received { get; private set; }

    /// <summary>How many times each status was reported, indexed by <see cref="ModemStatus"/>.</summary>
    public int[] StatusCounts { get; } = new int[Enum.GetValues<ModemStatus>().Length];

    /// <summary>The last status reported, or null.</summary>
    public ModemStatus? LastStatus { get; private set; }

    public void PutBit(int bit)
    {
        Received++;
        if (_count < _received.Length)
        {
            _received[_count++] = (byte)(bit & 1);
        }
    }

    public void OnStatus(ModemStatus status)
    {
        StatusCounts[(int)status]++;
        LastStatus = status;
    }

    /// <summary>Compares the received bits with the pattern.</summary>
    public BitErrorResult Evaluate()
    {
        var pattern = new byte[_dataBits];
        var register = PrbsBitSource.StartState(_seed);
        for (var i = 0; i < pattern.Length; i++)
        {
            pattern[i] = (byte)PrbsBitSource.Next(ref register);
        }

        var syncLength = (int)Math.Min(SyncBits, _dataBits);
        var bestOffset = -1;
        var bestMismatch = int.MaxValue;
        for (var offset = 0; offset <= _searchBits && offset + syncLength <= _count; offset++)
        {
            var mismatch = 0;
            for (var i = 0; i < syncLength && mismatch < bestMismatch; i++)
            {
                mismatch += _received[offset + i] ^ pattern[i];
            }

            if (mismatch < bestMismatch)
            {
                bestMismatch = mismatch;
                bestOffset = offset;
                if (mismatch == 0)
                {
                    break;
                }
            }
        }

        // More than a quarter of the sync window wrong means the pattern was not found at all.
        if (bestOffset < 0 || bestMismatch > syncLength / 4)
        {
            return new BitErrorResult(_dataBits, _dataBits, Synchronized: false, Offset: -1);
        }

        long errors = 0;
        var available = Math.Min(_dataBits, _count - bestOffset);
        for (var i = 0; i < available; i++)
        {
            errors += _received[bestOffset + i] ^ pattern[i];
        }

        errors += _dataBits - available;
        return new BitErrorResult(_dataBits, errors, Synchronized: true, Offset: bestOffset);
    }
}
