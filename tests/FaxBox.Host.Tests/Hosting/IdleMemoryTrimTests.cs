using System.Runtime.InteropServices;
using FaxBox.Core;
using FaxBox.Host.Hosting;
using Microsoft.Extensions.Logging;

namespace FaxBox.Host.Tests.Hosting;

/// <summary>
/// <see cref="IdleMemoryTrim"/>: after a quiet period, three finalizer passes 2.5 s apart (the runtime frees the JIT's
/// cached slabs on the second 2 s rotation) and then the C heap's trim; any activity starts the countdown again.
/// </summary>
public sealed class IdleMemoryTrimTests
{
    private static readonly TimeSpan Quiet = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan Spacing = TimeSpan.FromMilliseconds(2500);
    private readonly ManualTimeProvider _clock = new();
    private readonly ListLogger _log = new();
    private readonly List<(string What, TimeSpan At)> _calls = [];

    private IdleMemoryTrim Create(Action? pass = null) => new(
        _clock,
        _log,
        finalizerPass: pass ?? (() => _calls.Add(("pass", _clock.Now))),
        trimNativeHeap: () =>
        {
            _calls.Add(("trim", _clock.Now));
            return true;
        });

    [Fact]
    public void Nothing_runs_until_armed_then_three_passes_and_the_trim_after_the_quiet_period()
    {
        using var trim = Create();
        _clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Empty(_calls);

        trim.Arm(); // at 60 s
        _clock.Advance(Quiet - TimeSpan.FromMilliseconds(1));
        Assert.Empty(_calls);
        _clock.Advance(TimeSpan.FromMinutes(1));

        var start = TimeSpan.FromMinutes(1) + Quiet;
        Assert.Equal(
            [("pass", start), ("pass", start + Spacing), ("pass", start + Spacing + Spacing), ("trim", start + Spacing + Spacing)],
            _calls);
        Assert.Equal(1, trim.Completed);
        var entry = Assert.Single(_log.Entries);
        Assert.Equal((LogLevel.Debug, LogEventIds.Host + 130), (entry.Level, entry.EventId));
        Assert.Contains("returned free pages", entry.Message, StringComparison.Ordinal);
        Assert.Equal(0, _clock.ActiveTimers); // an idle box that has trimmed has nothing left to wake it
    }

    [Fact]
    public void Activity_during_the_countdown_or_the_passes_starts_the_countdown_again()
    {
        using var trim = Create();
        trim.Arm();
        _clock.Advance(TimeSpan.FromSeconds(2));
        trim.Arm(); // at 2 s: the countdown restarts
        _clock.Advance(TimeSpan.FromSeconds(2)); // 4 s: the first arm's 3 s has passed, the second's not
        Assert.Empty(_calls);
        _clock.Advance(TimeSpan.FromSeconds(1)); // 5 s: first pass
        Assert.Single(_calls);

        trim.Arm(); // during the passes: start over, three passes again after the quiet period
        _clock.Advance(TimeSpan.FromMinutes(1));

        Assert.Equal(["pass", "pass", "pass", "pass", "trim"], _calls.Select(c => c.What));
        Assert.Equal(TimeSpan.FromSeconds(5) + Quiet, _calls[1].At);
        Assert.Equal(1, trim.Completed);
    }

    [Fact]
    public void A_failing_pass_is_logged_and_the_next_arm_trims_again()
    {
        int passes = 0;
        using var trim = Create(() =>
        {
            if (++passes == 1)
            {
                throw new InvalidOperationException("finalizer");
            }
        });

        trim.Arm();
        _clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Contains(_log.Entries, e => e.Level == LogLevel.Warning && e.EventId == LogEventIds.Host + 131);
        Assert.Equal(1, trim.Completed); // the later passes and the trim still ran

        trim.Arm();
        _clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(2, trim.Completed);
        Assert.Equal(6, passes);
    }

    [Fact]
    public void Disposed_it_never_runs()
    {
        var trim = Create();
        trim.Arm();
        trim.Dispose();
        trim.Arm();
        _clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Empty(_calls);
        Assert.Equal(0, trim.Completed);
    }

    [Fact]
    public void Options_out_of_range_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new IdleMemoryTrim(_clock, _log, new IdleMemoryTrimOptions { Passes = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new IdleMemoryTrim(_clock, _log, new IdleMemoryTrimOptions { QuietPeriod = TimeSpan.FromSeconds(-1) }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new IdleMemoryTrim(_clock, _log, new IdleMemoryTrimOptions { PassSpacing = TimeSpan.FromSeconds(-1) }));
    }

    [Fact]
    public void The_real_runtime_and_libc_calls_run_and_glibc_returns_freed_pages()
    {
        // Real parts: GC.WaitForPendingFinalizers and glibc's malloc_trim through the default delegates.
        using (var trim = new IdleMemoryTrim(_clock, _log))
        {
            trim.Arm();
            _clock.Advance(TimeSpan.FromMinutes(1));
            Assert.Equal(1, trim.Completed);
            Assert.DoesNotContain(_log.Entries, e => e.Level == LogLevel.Warning);
        }

        // 64 KiB blocks come from the C heap (below glibc's mmap threshold); with every other one freed, the holes
        // are whole free pages inside the heap that only malloc_trim gives back.
        var blocks = new IntPtr[256];
        for (var i = 0; i < blocks.Length; i++)
        {
            blocks[i] = Marshal.AllocHGlobal(64 * 1024);
            Marshal.WriteByte(blocks[i], 64 * 1024 - 1, 1);
        }

        for (var i = 0; i < blocks.Length; i += 2)
        {
            Marshal.FreeHGlobal(blocks[i]);
        }

        try
        {
            Assert.True(IdleMemoryTrim.TrimCHeap());
        }
        finally
        {
            for (var i = 1; i < blocks.Length; i += 2)
            {
                Marshal.FreeHGlobal(blocks[i]);
            }
        }
    }
}
