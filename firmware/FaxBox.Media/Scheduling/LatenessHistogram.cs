namespace FaxBox.Media.Scheduling;

/// <summary>
/// Tick lateness in 50 µs buckets up to 100 ms (and one overflow bucket), written by the clock thread without
/// allocating; percentiles are read from it.
/// </summary>
public sealed class LatenessHistogram
{
    private const long BucketTicks = 500; // 50 µs in TimeSpan ticks
    private const int Buckets = 2000;
    private readonly long[] _counts = new long[Buckets + 1];
    private long _count;
    private long _maxTicks;
    private long _sumTicks;

    /// <summary>Ticks recorded.</summary>
    public long Count => Interlocked.Read(ref _count);

    /// <summary>Worst lateness seen.</summary>
    public TimeSpan Max => TimeSpan.FromTicks(Interlocked.Read(ref _maxTicks));

    /// <summary>Mean lateness.</summary>
    public TimeSpan Mean => Count == 0 ? TimeSpan.Zero : TimeSpan.FromTicks(Interlocked.Read(ref _sumTicks) / Count);

    /// <summary>Records one tick's lateness.</summary>
    public void Record(TimeSpan lateness)
    {
        long ticks = Math.Max(0, lateness.Ticks);
        int bucket = (int)Math.Min(Buckets, ticks / BucketTicks);
        Interlocked.Increment(ref _counts[bucket]);
        Interlocked.Add(ref _sumTicks, ticks);
        if (ticks > Interlocked.Read(ref _maxTicks))
        {
            Interlocked.Exchange(ref _maxTicks, ticks);
        }

        Interlocked.Increment(ref _count);
    }

    /// <summary>The lateness below which <paramref name="fraction"/> (0..1) of ticks ran (bucket upper bound; 100 ms+ reads as the max).</summary>
    public TimeSpan Percentile(double fraction)
    {
        long total = Count;
        if (total == 0)
        {
            return TimeSpan.Zero;
        }

        long rank = (long)Math.Ceiling(fraction * total);
        long seen = 0;
        for (int i = 0; i <= Buckets; i++)
        {
            seen += Interlocked.Read(ref _counts[i]);
            if (seen >= rank)
            {
                return i == Buckets ? Max : TimeSpan.FromTicks(Math.Min((i + 1) * BucketTicks, Interlocked.Read(ref _maxTicks)));
            }
        }

        return Max;
    }
}
