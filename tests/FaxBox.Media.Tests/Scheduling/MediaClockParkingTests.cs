using System.Collections.Concurrent;
using FaxBox.Core;
using FaxBox.Media.Scheduling;

namespace FaxBox.Media.Tests.Scheduling;

/// <summary>The real-time clock's parking: no ticks while every handler is idle, a tick at once on a wake-up, none lost.</summary>
public sealed class MediaClockParkingTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);

    [Fact]
    public void A_clock_whose_handlers_are_all_idle_parks_and_runs_no_ticks_until_woken()
    {
        var wake = new MediaWake();
        using var clock = new RealTimeMediaClock(new MediaClockOptions { RealTimePriority = 0, ParkedHeartbeat = TimeSpan.FromMilliseconds(20) }, wake);
        var handler = new QueueHandler(wake);
        using var registration = clock.Register(handler);
        clock.Start();

        Assert.True(SpinWait.SpinUntil(() => clock.IsParked, Bound), "parked after its first idle tick");
        long ticks = clock.Ticks;
        Assert.True(handler.Heartbeats.Wait(Bound), "heartbeats while parked");   // ≥ 3 × 20 ms parked
        Assert.Equal(ticks, clock.Ticks);
        Assert.Equal(0, clock.SkippedTicks);

        long before = handler.LastIndex;
        handler.Post();
        Assert.True(handler.Done.Wait(Bound), "the posted work ran after the wake-up");
        Assert.True(clock.ParkedTicks >= 3, $"parked ticks {clock.ParkedTicks}"); // counted when the park ends
        // The tick after the park continues from wall time (as after skipped ticks), not from where the clock stopped.
        Assert.True(handler.DoneIndex >= before + 3, $"index {handler.DoneIndex} after {before}");
        Assert.True(SpinWait.SpinUntil(() => clock.IsParked, Bound), "parks again once idle");
        Assert.True(clock.Parks >= 2);
    }

    [Fact]
    public void A_handler_that_cannot_park_keeps_the_clock_ticking()
    {
        var wake = new MediaWake();
        using var clock = new RealTimeMediaClock(new MediaClockOptions { RealTimePriority = 0 }, wake);
        using var idle = clock.Register(new QueueHandler(wake));
        var counted = new ManualResetEventSlim();
        long seen = 0;
        using var plain = clock.Register(new DelegateHandler(_ =>
        {
            if (++seen == 10)
            {
                counted.Set();
            }
        }));
        clock.Start();

        Assert.True(counted.Wait(Bound), "10 ticks");
        Assert.Equal(0, clock.Parks);
        Assert.False(clock.IsParked);
    }

    [Fact]
    public void A_clock_without_a_wake_signal_never_parks()
    {
        var wake = new MediaWake();
        using var clock = new RealTimeMediaClock(new MediaClockOptions { RealTimePriority = 0 });
        var handler = new QueueHandler(wake);
        using var registration = clock.Register(handler);
        clock.Start();

        Assert.True(SpinWait.SpinUntil(() => clock.Ticks >= 5, Bound));
        Assert.Equal(0, clock.Parks);
    }

    [Fact]
    public async Task No_wake_up_is_lost_when_work_is_posted_from_other_threads_while_the_clock_parks_and_unparks()
    {
        var wake = new MediaWake();
        using var clock = new RealTimeMediaClock(new MediaClockOptions { RealTimePriority = 0, ParkedHeartbeat = TimeSpan.FromSeconds(10) }, wake);
        var handler = new QueueHandler(wake);
        using var registration = clock.Register(handler);
        clock.Start();

        // Four threads post 50 items each, with and without pauses, so that posts land before, during and after parks.
        // The heartbeat is 10 s: a lost wake-up would leave an item waiting well past the bound below.
        const int Threads = 4, Each = 50;
        var posters = Enumerable.Range(0, Threads).Select(t => Task.Run(() =>
        {
            for (int i = 0; i < Each; i++)
            {
                handler.Post();
                if ((i + t) % 3 == 0)
                {
                    Thread.Yield();
                }
            }
        })).ToArray();
        await Task.WhenAll(posters).WaitAsync(Bound);

        Assert.True(SpinWait.SpinUntil(() => handler.Processed == Threads * Each, TimeSpan.FromSeconds(5)), $"processed {handler.Processed} of {Threads * Each}");
        Assert.True(SpinWait.SpinUntil(() => clock.IsParked, Bound));
    }

    [Fact]
    public async Task Disposing_a_parked_clock_stops_it_at_once()
    {
        var wake = new MediaWake();
        var clock = new RealTimeMediaClock(new MediaClockOptions { RealTimePriority = 0, ParkedHeartbeat = TimeSpan.FromSeconds(10) }, wake);
        using var registration = clock.Register(new QueueHandler(wake));
        clock.Start();
        Assert.True(SpinWait.SpinUntil(() => clock.IsParked, Bound));

        var disposing = Task.Run(clock.Dispose);

        await disposing.WaitAsync(TimeSpan.FromSeconds(5)); // throws TimeoutException if Dispose waited out the 10 s heartbeat
    }

    [Fact]
    public void Parked_heartbeat_outside_10_ms_to_10_s_is_refused_naming_the_option()
    {
        var e = Assert.Throws<ArgumentException>(() => new RealTimeMediaClock(new MediaClockOptions { ParkedHeartbeat = TimeSpan.FromMilliseconds(1) }));
        Assert.Contains("ParkedHeartbeat", e.Message, StringComparison.Ordinal);
    }

    /// <summary>A handler with a work queue, as the gateway's ports have: idle when the queue is empty.</summary>
    private sealed class QueueHandler(MediaWake wake) : IMediaParkingHandler
    {
        private readonly ConcurrentQueue<int> _queue = new();
        private int _heartbeats;
        private int _processed;

        public ManualResetEventSlim Heartbeats { get; } = new();

        public ManualResetEventSlim Done { get; } = new();

        public long LastIndex { get; private set; }

        public long DoneIndex { get; private set; }

        public int Processed => Volatile.Read(ref _processed);

        public bool CanPark => _queue.IsEmpty;

        public void Post()
        {
            _queue.Enqueue(1);
            wake.Wake();
        }

        public void OnTick(in MediaTick tick)
        {
            LastIndex = tick.Index;
            while (_queue.TryDequeue(out _))
            {
                Interlocked.Increment(ref _processed);
                DoneIndex = tick.Index;
                Done.Set();
            }
        }

        public void OnParkedHeartbeat(TimeSpan now)
        {
            if (Interlocked.Increment(ref _heartbeats) >= 3)
            {
                Heartbeats.Set();
            }
        }
    }

    private sealed class DelegateHandler(Action<MediaTick> action) : IMediaTickHandler
    {
        public void OnTick(in MediaTick tick) => action(tick);
    }
}
