using System.Diagnostics;
using FaxBox.Core;

namespace FaxBox.Benchmarks.Concurrency;

/// <summary>
/// The media tick of both boxes: ticks gateway A then gateway B (their terminal calls run on it), and records how late
/// each tick started (the clock's lateness) and how long the two gateways' work took. No allocation per tick.
/// </summary>
internal sealed class PairTicker : IMediaTickHandler
{
    private static readonly long FramePeriod = Stopwatch.Frequency * AudioFrame.Milliseconds / 1000;
    private readonly CallControl.Gateway _a;
    private readonly CallControl.Gateway _b;
    private long _ticks;
    private long _lateTicks;
    private long _overrunTicks;
    private long _maxLatenessTicks;
    private long _maxWork;
    private long _sumWork;
    private long _maxWorkIndex;
    private long _lateAfterGc;
    private int _collections = GC.CollectionCount(0);

    public PairTicker(CallControl.Gateway a, CallControl.Gateway b)
    {
        _a = a;
        _b = b;
    }

    /// <summary>Ticks run.</summary>
    public long Ticks => Interlocked.Read(ref _ticks);

    /// <summary>Ticks that started a whole frame (20 ms) or more after they were due.</summary>
    public long LateTicks => Interlocked.Read(ref _lateTicks);

    /// <summary>
    /// Late ticks with a garbage collection since the tick before (in its work or in the wait): a collection suspends
    /// every managed thread, the media clock's too, however high its scheduling priority.
    /// </summary>
    public long LateTicksAfterCollection => Interlocked.Read(ref _lateAfterGc);

    /// <summary>Ticks whose work (both gateways) took longer than a frame.</summary>
    public long OverrunTicks => Interlocked.Read(ref _overrunTicks);

    public TimeSpan MaxLateness => TimeSpan.FromTicks(Interlocked.Read(ref _maxLatenessTicks));

    public TimeSpan MaxWork => Stopwatch.GetElapsedTime(0, Interlocked.Read(ref _maxWork));

    /// <summary>When (media time from the batch's first tick) the longest tick ran.</summary>
    public TimeSpan MaxWorkAt => Interlocked.Read(ref _maxWorkIndex) * AudioFrame.Duration;

    public TimeSpan MeanWork => Ticks == 0 ? TimeSpan.Zero : Stopwatch.GetElapsedTime(0, Interlocked.Read(ref _sumWork) / Ticks);

    /// <summary>Forgets the figures so far (between the warm-up and a measured batch).</summary>
    public void Reset()
    {
        Interlocked.Exchange(ref _ticks, 0);
        Interlocked.Exchange(ref _lateTicks, 0);
        Interlocked.Exchange(ref _overrunTicks, 0);
        Interlocked.Exchange(ref _maxLatenessTicks, 0);
        Interlocked.Exchange(ref _maxWork, 0);
        Interlocked.Exchange(ref _sumWork, 0);
        Interlocked.Exchange(ref _maxWorkIndex, 0);
        Interlocked.Exchange(ref _lateAfterGc, 0);
        Volatile.Write(ref _collections, GC.CollectionCount(0));
    }

    public void OnTick(in MediaTick tick)
    {
        var start = Stopwatch.GetTimestamp();
        _a.OnTick(tick);
        _b.OnTick(tick);
        var work = Stopwatch.GetTimestamp() - start;
        int collections = GC.CollectionCount(0);
        if (tick.Lateness >= AudioFrame.Duration)
        {
            Interlocked.Increment(ref _lateTicks);
            if (collections != Volatile.Read(ref _collections))
            {
                Interlocked.Increment(ref _lateAfterGc);
            }
        }

        Volatile.Write(ref _collections, collections);

        if (tick.Lateness.Ticks > Interlocked.Read(ref _maxLatenessTicks))
        {
            Interlocked.Exchange(ref _maxLatenessTicks, tick.Lateness.Ticks);
        }

        if (work > FramePeriod)
        {
            Interlocked.Increment(ref _overrunTicks);
        }

        if (work > Interlocked.Read(ref _maxWork))
        {
            Interlocked.Exchange(ref _maxWork, work);
            Interlocked.Exchange(ref _maxWorkIndex, Interlocked.Read(ref _ticks));
        }

        Interlocked.Add(ref _sumWork, work);
        Interlocked.Increment(ref _ticks);
    }
}
