namespace FaxBox.Benchmarks.Concurrency;

/// <summary>The figures of one batch of concurrent faxes from box A's terminal to box B's.</summary>
internal sealed record BatchMeasurement(
    int Calls,
    int Failures,
    int Pages,
    int PeakConcurrent,
    TimeSpan Duration,
    TimeSpan MedianCall,
    TimeSpan MaxCall,
    TimeSpan MedianCallMediaTime,
    TimeSpan MediaTime,
    long RssBefore,
    long RssPeak,
    long HeapBefore,
    long HeapPeak,
    long MidCallLiveHeap,
    long MidCallRss,
    long Allocated,
    int Gen0Collections,
    double CpuMs,
    long Ticks,
    long LateTicks,
    long OverrunTicks,
    TimeSpan MaxLateness,
    TimeSpan MaxTickWork,
    TimeSpan MaxTickWorkAt,
    TimeSpan MeanTickWork,
    long SkippedTicks,
    int PeakOpenFiles,
    int ThreadsBefore,
    int PeakThreads,
    string? FirstFailure)
{
    private const double MiB = 1024.0 * 1024.0;

    /// <summary>Anonymous resident memory before the calls (RSS less its file-backed pages), bytes.</summary>
    public long AnonBefore { get; init; }

    /// <summary>The most anonymous resident memory while the batch ran, bytes.</summary>
    public long AnonPeak { get; init; }

    /// <summary>Anonymous resident memory at the virtual-clock run's snapshot, bytes; 0 when none was taken.</summary>
    public long MidCallAnon { get; init; }

    /// <summary>At the snapshot: growth of what malloc holds free in its arenas (fordblks) since before the calls, bytes.</summary>
    public long MidCallMallocFreeGrowth { get; init; }

    /// <summary>At the snapshot (after the full collection): growth of the memory the GC keeps committed since before the calls, bytes.</summary>
    public long MidCallGcCommittedGrowth { get; init; }

    /// <summary>The media time of the virtual-clock run's garbage-collected snapshot.</summary>
    public TimeSpan SnapshotAt { get; init; }

    /// <summary>glibc's native heap in use before the calls (<see cref="NativeHeap"/>), bytes; -1 when unknown.</summary>
    public long NativeBefore { get; init; } = -1;

    /// <summary>The most native heap in use while the batch ran (sampled with the RSS), bytes.</summary>
    public long NativePeak { get; init; } = -1;

    /// <summary>Native heap in use at the virtual-clock run's mid-call snapshot, bytes; 0 when none was taken.</summary>
    public long MidCallNative { get; init; }

    /// <summary>Late media ticks with a garbage collection since the tick before (<see cref="PairTicker.LateTicksAfterCollection"/>).</summary>
    public long LateTicksAfterCollection { get; init; }

    /// <summary>The garbage collector's pauses over the batch, all threads suspended, in all.</summary>
    public TimeSpan CollectionPauses { get; init; }

    /// <summary>Terminal threads that ran the terminal calls (0: they ran on the media tick).</summary>
    public int TerminalThreads { get; init; }

    /// <summary>Whether every terminal thread got SCHED_FIFO (below the media clock's priority).</summary>
    public bool TerminalRealTime { get; init; }

    /// <summary>Ticks the terminal threads ran a frame (20 ms) or more after they were due, both boxes.</summary>
    public long TerminalLateTicks { get; init; }

    /// <summary>The most a terminal thread ran behind the media clock.</summary>
    public TimeSpan TerminalMaxLag { get; init; }

    /// <summary>Terminal ticks that threw.</summary>
    public long TerminalFaults { get; init; }

    /// <summary>The whole process's RSS growth over the batch ÷ N: both ends of every fax are in this process.</summary>
    public double RssPerFaxMiB => (RssPeak - RssBefore) / MiB / Calls;

    /// <summary>
    /// RSS growth ÷ 2N: what one box holds per fax it sends or receives, with the two boxes' shares taken as equal (they
    /// are not: see <see cref="NativePerFaxKiB"/> and the README's breakdown; the receiving end holds the page image).
    /// </summary>
    public double RssPerEndMiB => RssPerFaxMiB / 2;

    /// <summary>
    /// Anonymous resident memory growth over the batch ÷ N (both ends): what the calls hold that the kernel cannot drop.
    /// RSS also counts the file-backed pages the calls map (<see cref="ProcessStatus.Statm"/>), page cache.
    /// </summary>
    public double AnonPerFaxMiB => (AnonPeak - AnonBefore) / MiB / Calls;

    /// <summary>Anonymous resident memory growth ÷ 2N: one box's share per fax it sends or receives.</summary>
    public double AnonPerEndMiB => AnonPerFaxMiB / 2;

    /// <summary>Native heap growth at peak ÷ N, KiB (both ends).</summary>
    public double NativePerFaxKiB => NativeBefore < 0 || NativePeak < 0 ? double.NaN : (NativePeak - NativeBefore) / 1024.0 / Calls;

    public double HeapPerFaxMiB => (HeapPeak - HeapBefore) / MiB / Calls;

    public double CpuPerFaxMs => CpuMs / Calls;

    public string Line(string name) =>
        $"run={name} calls={Calls} failures={Failures} pages={Pages} peak_concurrent={PeakConcurrent} duration_s={Duration.TotalSeconds:F2} " +
        $"call_median_s={MedianCall.TotalSeconds:F2} call_max_s={MaxCall.TotalSeconds:F2} call_median_media_s={MedianCallMediaTime.TotalSeconds:F2} media_s={MediaTime.TotalSeconds:F2} " +
        $"rss_before_mib={RssBefore / MiB:F1} rss_peak_mib={RssPeak / MiB:F1} rss_per_fax_mib={RssPerFaxMiB:F3} " +
        $"heap_before_mib={HeapBefore / MiB:F1} heap_peak_mib={HeapPeak / MiB:F1} heap_per_fax_mib={HeapPerFaxMiB:F3} " +
        $"rss_per_end_mib={RssPerEndMiB:F3} anon_before_mib={AnonBefore / MiB:F1} anon_peak_mib={AnonPeak / MiB:F1} anon_per_fax_mib={AnonPerFaxMiB:F3} anon_per_end_mib={AnonPerEndMiB:F3} " +
        $"file_rss_per_fax_kib={((RssPeak - RssBefore) - (AnonPeak - AnonBefore)) / 1024.0 / Calls:F0} native_peak_per_fax_kib={NativePerFaxKiB:F0} " +
        (MidCallLiveHeap > 0 ? $"snapshot_at_s={SnapshotAt.TotalSeconds:F0} mid_call_anon_per_fax_kib={(MidCallAnon - AnonBefore) / 1024.0 / Calls:F0} mid_call_live_heap_per_fax_kib={(MidCallLiveHeap - HeapBefore) / 1024.0 / Calls:F0} mid_call_native_per_fax_kib={(MidCallNative - NativeBefore) / 1024.0 / Calls:F0} mid_call_rss_per_fax_kib={(MidCallRss - RssBefore) / 1024.0 / Calls:F0} mid_call_malloc_free_per_fax_kib={MidCallMallocFreeGrowth / 1024.0 / Calls:F0} mid_call_gc_committed_per_fax_kib={MidCallGcCommittedGrowth / 1024.0 / Calls:F0} " : string.Empty) +
        $"alloc_per_fax_kib={Allocated / 1024.0 / Calls:F0} gen0_gcs={Gen0Collections} " +
        $"cpu_ms={CpuMs:F0} cpu_per_fax_ms={CpuPerFaxMs:F1} ticks={Ticks} late_ticks={LateTicks} late_ticks_after_gc={LateTicksAfterCollection} gc_pause_ms={CollectionPauses.TotalMilliseconds:F0} overrun_ticks={OverrunTicks} skipped_ticks={SkippedTicks} " +
        $"max_lateness_ms={MaxLateness.TotalMilliseconds:F1} max_tick_ms={MaxTickWork.TotalMilliseconds:F1} max_tick_at_s={MaxTickWorkAt.TotalSeconds:F2} mean_tick_ms={MeanTickWork.TotalMilliseconds:F2} " +
        $"terminal_threads={TerminalThreads} terminal_fifo={(TerminalRealTime ? "yes" : "no")} terminal_late_ticks={TerminalLateTicks} terminal_max_lag_ms={TerminalMaxLag.TotalMilliseconds:F1} terminal_faults={TerminalFaults} " +
        $"peak_fds={PeakOpenFiles} threads_before={ThreadsBefore} peak_threads={PeakThreads}" + (FirstFailure is null ? string.Empty : $" first_failure=\"{FirstFailure}\"");
}
