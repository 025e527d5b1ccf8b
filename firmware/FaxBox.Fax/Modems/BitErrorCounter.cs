namespace FaxBox.Fax.Modems;

/// <summary>
/// Collects what a receiver delivers and, at the end, compares it with the pattern a <see cref="PrbsBitSource"/> with
/// the same seed sent, the way an O.151-style error counter does, but honest about slips.
/// <list type="bullet">
/// <item>Start: the first <see cref="SyncBits"/> pattern bits are slid over the received bits, from the pattern
/// starting <see cref="SlipReach"/> bits before the first received bit (its first bits lost) to starting
/// <c>searchBits</c> bits into them (preamble, training leftovers or stray bits before the data); the best match, if
/// no more than a quarter wrong, is the start; when the first stretch is too noisy the next ones are tried (up to
/// <see cref="SyncStretches"/>), the bits before still compared. Pattern bits never received count as errors.</item>
/// <item>Slips: when at least <see cref="SlipTrigger"/> of the last <see cref="SlipWindow"/> compared bits are wrong,
/// every alignment within ±<see cref="SlipReach"/> bits is tried on the <see cref="SlipCheckBits"/> pattern bits from
/// the last <see cref="SlipTrigger"/> compared on; one that fits (at most an eighth wrong, and half as many errors as the current
/// alignment) is taken from the bit where it starts fitting better. That counts one slip; the bits the receiver
/// inserted or dropped count as errors, and the bits of the window are counted again under the new alignment. A noise
/// burst fits no other alignment and stays a burst of errors.</item>
/// </list>
/// Bits are stored in a buffer sized up front, so collecting does not allocate. Also implements the sink's status side
/// by counting the reports.
/// </summary>
public sealed class BitErrorCounter : IModemBitSink
{
    /// <summary>Pattern bits used to find the start of the data.</summary>
    public const int SyncBits = 128;

    /// <summary>Stretches of <see cref="SyncBits"/> pattern bits tried in turn for the start alignment.</summary>
    public const int SyncStretches = 16;

    /// <summary>Compared bits whose errors are watched for a slip.</summary>
    public const int SlipWindow = 32;

    /// <summary>Errors within <see cref="SlipWindow"/> bits that make the counter look for another alignment.</summary>
    public const int SlipTrigger = 8;

    /// <summary>How far (in bits, either way) a slip may move the alignment: two symbols of the densest modem and more.</summary>
    public const int SlipReach = 16;

    /// <summary>Pattern bits a new alignment is judged on.</summary>
    public const int SlipCheckBits = 96;

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

        // The shift s puts pattern bit p at received bit p + s. The first SyncBits pattern bits are tried first; at low
        // SNR they may be more than a quarter wrong, so later stretches of the pattern are tried next (the bits before
        // them are still compared under the alignment found).
        var syncLength = (int)Math.Min(SyncBits, _dataBits);
        var bestShift = int.MinValue;
        var bestMismatch = int.MaxValue;
        for (long start = 0; start + syncLength <= _dataBits && start < SyncStretches * SyncBits && bestMismatch > syncLength / 4; start += SyncBits)
        {
            bestShift = int.MinValue;
            bestMismatch = int.MaxValue;
            for (var k = 0; k <= _searchBits + SlipReach && bestMismatch > 0; k++)
            {
                // 0, 1, … searchBits first (the usual case: stray bits before the data), then −1 … −SlipReach.
                var shift = k <= _searchBits ? k : _searchBits - k;
                var first = start + Math.Max(0, -shift);
                if (first + syncLength > _dataBits || first + shift + syncLength > _count)
                {
                    continue;
                }

                var mismatch = 0;
                for (var i = first; i < first + syncLength && mismatch < bestMismatch; i++)
                {
                    mismatch += _received[i + shift] ^ pattern[i];
                }

                if (mismatch < bestMismatch)
                {
                    bestMismatch = mismatch;
                    bestShift = shift;
                }
            }
        }

        // More than a quarter of the sync window wrong everywhere means the pattern was not found at all.
        if (bestShift == int.MinValue || bestMismatch > syncLength / 4)
        {
            return new BitErrorResult(_dataBits, _dataBits, Synchronized: false, Offset: -1);
        }

        var walk = Walk(pattern, bestShift);
        return new BitErrorResult(_dataBits, Math.Min(walk.Errors, _dataBits), Synchronized: true, Offset: Math.Max(bestShift, 0))
        {
            Slips = walk.Slips,
            SlippedBits = walk.SlippedBits,
        };
    }

    /// <summary>Counts errors from the start alignment on, re-aligning after slips.</summary>
    private (long Errors, int Slips, long SlippedBits) Walk(byte[] pattern, int shift)
    {
        Span<byte> window = stackalloc byte[SlipWindow];
        long errors = 0;
        long slippedBits = 0;
        var slips = 0;
        var windowErrors = 0;
        var compared = 0;
        var quietUntil = 0L;
        for (long p = 0; p < _dataBits; p++)
        {
            var error = ErrorAt(pattern, p, shift);
            errors += error;
            var slot = (int)(p % SlipWindow);
            windowErrors += error - window[slot];
            window[slot] = (byte)error;
            compared++;
            if (windowErrors < SlipTrigger || compared < SlipWindow || p < quietUntil)
            {
                continue;
            }

            // A run of errors: does another alignment fit from its last few bits on (at least SlipTrigger errors in the
            // window mean the slip, if it is one, came before them)?
            var from = p - SlipWindow + 1;
            var judgeFrom = p - SlipTrigger + 1;
            var span = (int)Math.Min(SlipCheckBits, _dataBits - judgeFrom);
            var current = Mismatches(pattern, judgeFrom, span, shift);
            var best = shift;
            var bestMismatch = current;
            for (var candidate = shift - SlipReach; candidate <= shift + SlipReach; candidate++)
            {
                var mismatch = candidate == shift ? current : Mismatches(pattern, judgeFrom, span, candidate);
                if (mismatch < bestMismatch)
                {
                    bestMismatch = mismatch;
                    best = candidate;
                }
            }

            if (best == shift || bestMismatch > span / 8 || bestMismatch * 2 > current)
            {
                // A burst of noise, or a receiver delivering garbage: errors, not a slip. Look again a few bits later.
                quietUntil = p + SlipTrigger;
                continue;
            }

            // Where in the window did it slip? The old alignment holds before that bit, the new one after it; bits the
            // receiver dropped are not compared at all (they count as errors below), bits it inserted are skipped.
            var dropped = Math.Max(0, shift - best);
            var fewest = int.MaxValue;
            for (var q = from; q + dropped <= p + 1; q++)
            {
                var total = Mismatches(pattern, from, (int)(q - from), shift) + Mismatches(pattern, q + dropped, (int)(p + 1 - q - dropped), best);
                fewest = Math.Min(fewest, total);
            }

            errors += fewest - windowErrors + Math.Abs(best - shift);
            slips++;
            slippedBits += Math.Abs(best - shift);
            shift = best;
            window.Clear();
            windowErrors = 0;
            compared = 0;
        }

        return (errors, slips, slippedBits);
    }

    /// <summary>1 when pattern bit <paramref name="p"/> was received wrong or never received under <paramref name="shift"/>.</summary>
    private int ErrorAt(byte[] pattern, long p, int shift)
    {
        var r = p + shift;
        return r < 0 || r >= _count ? 1 : _received[r] ^ pattern[p];
    }

    private int Mismatches(byte[] pattern, long from, int length, int shift)
    {
        var mismatches = 0;
        for (var p = from; p < from + length; p++)
        {
            mismatches += ErrorAt(pattern, p, shift);
        }

        return mismatches;
    }
}
