using System.Diagnostics;
using FaxBox.Core;
using FaxBox.Media.Scheduling;

namespace FaxBox.Media.Tests.Scheduling;

public sealed class MediaClockTests
{
    [Fact]
    public void Virtual_clock_runs_ticks_at_once_in_order_with_their_due_times()
    {
        var clock = new VirtualMediaClock();
        var a = new RecordingHandler();
        var b = new RecordingHandler();
        using (clock.Register(a))
        using (clock.Register(b))
        {
            clock.Advance(5);
        }

        clock.Advance(3);
        Assert.Equal([0L, 1, 2, 3, 4], a.Ticks.Select(t => t.Index));
        Assert.Equal(TimeSpan.FromMilliseconds(80), a.Ticks[4].Due);
        Assert.All(a.Ticks, t => Assert.Equal(TimeSpan.Zero, t.Lateness));
        Assert.Equal(5, b.Ticks.Count);
        Assert.Equal(TimeSpan.FromMilliseconds(160), clock.Now);
    }

    [Fact]
    public void A_handler_may_register_and_dispose_handlers_from_inside_a_tick()
    {
        var clock = new VirtualMediaClock();
        var late = new RecordingHandler();
        IDisposable? self = null;
        var calls = 0;
        var once = new DelegateHandler(_ =>
        {
            calls++;
            clock.Register(late);
            self!.Dispose();
        });
        self = clock.Register(once);
        clock.Advance(3);
        Assert.Equal(1, calls);
        Assert.Equal([1L, 2], late.Ticks.Select(t => t.Index)); // from the next tick on
    }

    [Fact]
    public void A_throwing_handler_is_counted_and_does_not_stop_the_others()
    {
        var clock = new VirtualMediaClock();
        var after = new RecordingHandler();
        using var bad = clock.Register(new DelegateHandler(_ => throw new InvalidOperationException("boom")));
        using var good = clock.Register(after);
        clock.Advance(2);
        Assert.Equal(2, clock.HandlerFaults);
        Assert.Equal(2, after.Ticks.Count);
    }

    [Fact]
    public void Real_time_clock_ticks_every_20_ms_without_drift_and_catches_up_after_a_stall()
    {
        using var clock = new RealTimeMediaClock();
        var ticks = new List<(long Index, TimeSpan Lateness, long At)>();
        var stalled = false;
        var done = new ManualResetEventSlim();
        long first = 0;
        using var registration = clock.Register(new DelegateHandler(t =>
        {
            long now = Stopwatch.GetTimestamp();
            if (ticks.Count == 5)
            {
                // The clock's start as seen from a warmed-up tick (the first ones include JIT time in the handler).
                first = now - (long)((t.Due + t.Lateness).TotalSeconds * Stopwatch.Frequency);
            }

            ticks.Add((t.Index, t.Lateness, now));
            if (t.Index == 10 && !stalled)
            {
                // A handler that hogs the thread for 75 ms (what the contract forbids), to see the clock catch up.
                stalled = true;
                long until = now + (Stopwatch.Frequency * 75 / 1000);
                while (Stopwatch.GetTimestamp() < until)
                {
                    Thread.SpinWait(100);
                }
            }

            if (ticks.Count == 40)
            {
                done.Set();
            }
        }));
        clock.Start();
        Assert.True(done.Wait(TimeSpan.FromSeconds(10)), "40 ticks within 10 s");
        registration.Dispose();
        int seen = ticks.Count;

        Assert.Equal(Enumerable.Range((int)ticks[0].Index, seen).Select(i => (long)i), ticks.Select(t => t.Index));
        // Ticks 11..13 were due during the stall and run back to back, each reporting how late it is.
        Assert.True(ticks[11].Lateness > TimeSpan.FromMilliseconds(40), $"tick 11 late {ticks[11].Lateness}");
        Assert.True(ticks[12].Lateness < ticks[11].Lateness);
        // No drift: every tick ran at or after its due time and the last ones are back on schedule.
        foreach (var (index, lateness, at) in ticks.Skip(5))
        {
            double dueSeconds = index * 0.020;
            double ranSeconds = (at - first) / (double)Stopwatch.Frequency;
            Assert.True(ranSeconds >= dueSeconds - 0.0005, $"tick {index} ran early");
            Assert.True(ranSeconds - dueSeconds - lateness.TotalSeconds < 0.005, $"tick {index} reported lateness {lateness} but ran at {ranSeconds - dueSeconds} s");
        }

        Assert.True(ticks[^1].Lateness < TimeSpan.FromMilliseconds(10), $"last tick late {ticks[^1].Lateness}");
        Assert.True(clock.Lateness.Count >= 40);
        Assert.True(clock.Lateness.Max >= TimeSpan.FromMilliseconds(40));
        Assert.Equal(seen, ticks.Count); // not called after Dispose returned
    }

    [Fact]
    public void Real_time_clock_loop_allocates_nothing_in_steady_state()
    {
        using var clock = new RealTimeMediaClock();
        long at10 = 0, at60 = 0;
        var done = new ManualResetEventSlim();
        using var registration = clock.Register(new DelegateHandler(t =>
        {
            if (t.Index == 10)
            {
                at10 = GC.GetAllocatedBytesForCurrentThread();
            }
            else if (t.Index == 60)
            {
                at60 = GC.GetAllocatedBytesForCurrentThread();
                done.Set();
            }
        }));
        clock.Start();
        Assert.True(done.Wait(TimeSpan.FromSeconds(10)), "60 ticks within 10 s");
        Assert.True(at10 > 0);
        Assert.Equal(at10, at60);
    }

    [Fact]
    public void Lateness_histogram_reads_percentiles()
    {
        var histogram = new LatenessHistogram();
        for (int i = 0; i < 999; i++)
        {
            histogram.Record(TimeSpan.FromMicroseconds(120));
        }

        histogram.Record(TimeSpan.FromMilliseconds(7));
        Assert.Equal(TimeSpan.FromMicroseconds(150), histogram.Percentile(0.5));
        Assert.Equal(TimeSpan.FromMicroseconds(150), histogram.Percentile(0.999));
        Assert.Equal(TimeSpan.FromMilliseconds(7), histogram.Percentile(1.0));
        Assert.Equal(TimeSpan.FromMilliseconds(7), histogram.Max);
    }

    private sealed class RecordingHandler : IMediaTickHandler
    {
        public List<MediaTick> Ticks { get; } = [];

        public void OnTick(in MediaTick tick) => Ticks.Add(tick);
    }

    private sealed class DelegateHandler(Action<MediaTick> action) : IMediaTickHandler
    {
        public void OnTick(in MediaTick tick) => action(tick);
    }
}
