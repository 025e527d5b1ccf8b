using System.Collections.Concurrent;
using FaxBox.CallControl.Terminals;
using FaxBox.Core;
using Microsoft.Extensions.Logging.Abstractions;

namespace FaxBox.CallControl.Tests.Terminals;

/// <summary>
/// The fax terminals' own thread (<see cref="TerminalTickWorker"/>): the media tick never waits for the terminals, every
/// tick runs in order on the worker with its own index and due time, an idle worker is not woken and skips the idle ticks.
/// </summary>
public sealed class TerminalTickWorkerTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);

    private sealed class RecordingHandler : IMediaTickHandler
    {
        public ConcurrentQueue<(long Index, TimeSpan Due, int Thread)> Ticks { get; } = new();

        public ManualResetEventSlim Gate { get; } = new(true);

        public ManualResetEventSlim Entered { get; } = new(false);

        public bool Throw { get; set; }

        public void OnTick(in MediaTick tick)
        {
            Entered.Set();
            Assert.True(Gate.Wait(Bound), "the test never opened the gate");
            Ticks.Enqueue((tick.Index, tick.Due, Environment.CurrentManagedThreadId));
            if (Throw)
            {
                throw new InvalidOperationException("terminal tick failed");
            }
        }
    }

    private static MediaTick Tick(long index) => new(index, TimeSpan.FromTicks((index + 5) * AudioFrame.Duration.Ticks), TimeSpan.Zero);

    [Fact]
    public void The_media_tick_does_not_wait_for_a_busy_terminal_and_the_worker_then_runs_every_tick_in_order()
    {
        var inner = new RecordingHandler();
        inner.Gate.Reset();
        using var worker = new TerminalTickWorker(inner, () => true, NullLogger.Instance);

        worker.OnTick(Tick(0));
        Assert.True(inner.Entered.Wait(Bound), "the worker never ran tick 0");

        // Tick 0 is stuck in the terminal (a page end): the media thread goes on posting ticks without waiting.
        for (var i = 1; i < 10; i++)
        {
            worker.OnTick(Tick(i));
        }

        Assert.Empty(inner.Ticks);
        Assert.False(worker.WaitCaughtUp(TimeSpan.Zero));
        inner.Gate.Set();
        Assert.True(worker.WaitCaughtUp(Bound), "the worker did not catch up");

        var ticks = inner.Ticks.ToArray();
        Assert.Equal(Enumerable.Range(0, 10).Select(i => (long)i), ticks.Select(t => t.Index));
        Assert.Equal(Enumerable.Range(0, 10).Select(i => TimeSpan.FromTicks((i + 5) * AudioFrame.Duration.Ticks)), ticks.Select(t => t.Due));
        Assert.DoesNotContain(ticks, t => t.Thread == Environment.CurrentManagedThreadId);
        Assert.Single(ticks.Select(t => t.Thread).Distinct());
        Assert.Equal(10, worker.TicksRun);
    }

    [Fact]
    public void A_worker_that_falls_behind_counts_the_late_ticks_and_its_lag()
    {
        var inner = new RecordingHandler();
        inner.Gate.Reset();
        using var worker = new TerminalTickWorker(inner, () => true, NullLogger.Instance);
        worker.OnTick(Tick(0));
        Assert.True(inner.Entered.Wait(Bound));
        for (var i = 1; i <= 5; i++)
        {
            worker.OnTick(Tick(i));
        }

        inner.Gate.Set();
        Assert.True(worker.WaitCaughtUp(Bound));

        // Ticks 1…4 were posted at once with tick 5, so they ran at least 4…1 frames after they were due.
        Assert.True(worker.LateTicks >= 4, $"{worker.LateTicks} late ticks");
        Assert.True(worker.MaxLag >= 4 * AudioFrame.Duration, $"max lag {worker.MaxLag}");
        worker.ResetFigures();
        Assert.Equal(0, worker.LateTicks);
        Assert.Equal(TimeSpan.Zero, worker.MaxLag);
    }

    [Fact]
    public void An_idle_worker_is_not_woken_and_on_new_work_runs_the_newest_tick_only()
    {
        var inner = new RecordingHandler();
        var work = false;
        using var worker = new TerminalTickWorker(inner, () => Volatile.Read(ref work), NullLogger.Instance);
        for (var i = 0; i < 100; i++)
        {
            worker.OnTick(Tick(i));
        }

        Assert.True(worker.WaitCaughtUp(Bound));
        Assert.Empty(inner.Ticks);

        Volatile.Write(ref work, true);
        worker.OnTick(Tick(100));
        Assert.True(worker.WaitCaughtUp(Bound));
        worker.OnTick(Tick(101));
        Assert.True(worker.WaitCaughtUp(Bound));
        Assert.Equal([100L, 101L], inner.Ticks.Select(t => t.Index));
    }

    [Fact]
    public void A_terminal_tick_that_throws_is_counted_and_the_next_ticks_still_run()
    {
        var inner = new RecordingHandler { Throw = true };
        using var worker = new TerminalTickWorker(inner, () => true, NullLogger.Instance);
        worker.OnTick(Tick(0));
        Assert.True(worker.WaitCaughtUp(Bound));
        inner.Throw = false;
        worker.OnTick(Tick(1));
        Assert.True(worker.WaitCaughtUp(Bound));

        Assert.Equal(1, worker.Faults);
        Assert.Equal([0L, 1L], inner.Ticks.Select(t => t.Index));
    }

    [Fact]
    public void Ticks_after_dispose_are_ignored()
    {
        var inner = new RecordingHandler();
        var worker = new TerminalTickWorker(inner, () => true, NullLogger.Instance);
        worker.Dispose();
        worker.OnTick(Tick(0));
        worker.Dispose();
        Assert.Empty(inner.Ticks);
        Assert.Equal(0, worker.TicksRun);
    }
}
