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

    /// <summary>glibc's native heap in use before the calls (<see cref="NativeHeap"/>), bytes; -1 when unknown.</summary>
    public long NativeBefore { get; init; } = -1;

    /// <summary>The most native heap in use while the batch ran (sampled with the RSS), bytes.</summary>
    public long NativePeak { get; init; } = -1;

    /// <summary>Native heap in use at the virtual-clock run's mid-call snapshot, bytes; 0 when none was taken.</summary>
    public long MidCallNative { get; init; }

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

    /// <summary>Native heap growth at peak ÷ N, KiB (both ends).</summary>
    public double NativePerFaxKiB => NativeBefore < 0 || NativePeak < 0 ? double.NaN : (NativePeak - NativeBefore) / 1024.0 / Calls;

    public double HeapPerFaxMiB => (HeapPeak - HeapBefore) / MiB / Calls;

    public double CpuPerFaxMs => CpuMs / Calls;

    public string Line(string name) =>
        $"run={name} calls={Calls} failures={Failures} pages={Pages} peak_concurrent={PeakConcurrent} duration_s={Duration.TotalSeconds:F2} " +
        $"call_median_s={MedianCall.TotalSeconds:F2} call_max_s={MaxCall.TotalSeconds:F2} call_median_media_s={MedianCallMediaTime.TotalSeconds:F2} media_s={MediaTime.TotalSeconds:F2} " +
        $"rss_before_mib={RssBefore / MiB:F1} rss_peak_mib={RssPeak / MiB:F1} rss_per_fax_mib={RssPerFaxMiB:F3} " +
        $"heap_before_mib={HeapBefore / MiB:F1} heap_peak_mib={HeapPeak / MiB:F1} heap_per_fax_mib={HeapPerFaxMiB:F3} " +
        $"rss_per_end_mib={RssPerEndMiB:F3} native_peak_per_fax_kib={NativePerFaxKiB:F0} " +
        (MidCallLiveHeap > 0 ? $"mid_call_live_heap_per_fax_kib={(MidCallLiveHeap - HeapBefore) / 1024.0 / Calls:F0} mid_call_native_per_fax_kib={(MidCallNative - NativeBefore) / 1024.0 / Calls:F0} mid_call_rss_per_fax_kib={(MidCallRss - RssBefore) / 1024.0 / Calls:F0} " : string.Empty) +
        $"alloc_per_fax_kib={Allocated / 1024.0 / Calls:F0} gen0_gcs={Gen0Collections} " +
        $"cpu_ms={CpuMs:F0} cpu_per_fax_ms={CpuPerFaxMs:F1} ticks={Ticks} late_ticks={LateTicks} overrun_ticks={OverrunTicks} skipped_ticks={SkippedTicks} " +
        $"max_lateness_ms={MaxLateness.TotalMilliseconds:F1} max_tick_ms={MaxTickWork.TotalMilliseconds:F1} max_tick_at_s={MaxTickWorkAt.TotalSeconds:F2} mean_tick_ms={MeanTickWork.TotalMilliseconds:F2} " +
        $"terminal_threads={TerminalThreads} terminal_fifo={(TerminalRealTime ? "yes" : "no")} terminal_late_ticks={TerminalLateTicks} terminal_max_lag_ms={TerminalMaxLag.TotalMilliseconds:F1} terminal_faults={TerminalFaults} " +
        $"peak_fds={PeakOpenFiles} threads_before={ThreadsBefore} peak_threads={PeakThreads}" + (FirstFailure is null ? string.Empty : $" first_failure=\"{FirstFailure}\"");
}
