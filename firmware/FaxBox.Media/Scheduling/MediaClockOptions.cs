namespace FaxBox.Media.Scheduling;

/// <summary>The real-time media clock's tuning, bound from <c>FaxBox:Media:Clock</c>.</summary>
public sealed class MediaClockOptions
{
    /// <summary>
    /// How late the clock may fall (in ticks) and still run every missed tick back to back; beyond it (a suspended VM,
    /// a debugger) the missed ticks are skipped and counted. Default 10 (200 ms).
    /// </summary>
    public int MaxCatchUpTicks { get; set; } = 10;

    /// <summary>
    /// The last stretch before a tick that is waited by spinning instead of sleeping. Default 0 on Linux, where the clock
    /// sleeps on the kernel's high-resolution timer (clock_nanosleep to the due time: woken within tens of microseconds,
    /// and an idle box costs next to no CPU); 1 ms elsewhere, where sleeps have millisecond granularity.
    /// </summary>
    public TimeSpan SpinLead { get; set; } = LinuxScheduling.CanSleepUntil ? TimeSpan.Zero : TimeSpan.FromMilliseconds(1);

    /// <summary>
    /// Linux SCHED_FIFO priority for the clock thread (1–99; needs CAP_SYS_NICE, as under systemd with
    /// <c>CPUSchedulingPolicy=fifo</c>); 0 keeps the normal policy. When the kernel refuses, the clock runs at normal
    /// policy and <see cref="RealTimeMediaClock.RealTimePolicyApplied"/> says so. Default 10.
    /// </summary>
    public int RealTimePriority { get; set; } = 10;

    /// <summary>
    /// How often a parked clock (see <see cref="RealTimeMediaClock"/>) wakes to tell its handlers it is alive
    /// (<see cref="Core.IMediaParkingHandler.OnParkedHeartbeat"/>), which the systemd watchdog's health check counts as a
    /// tick. Default 500 ms: half the health check's 1 s stall limit, and two wake-ups a second, against fifty ticks when
    /// not parked. A wake-up costs the clock thread ≈ 0.12 ms of CPU (its run time, the kernel's share included): at
    /// 250 ms these wake-ups were nine tenths of an idle box's CPU (README, "The idle box").
    /// </summary>
    public TimeSpan ParkedHeartbeat { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Throws <see cref="ArgumentException"/> naming the bad option.</summary>
    public void Validate()
    {
        if (MaxCatchUpTicks < 1 || SpinLead < TimeSpan.Zero || SpinLead > TimeSpan.FromMilliseconds(10) || RealTimePriority is < 0 or > 99)
        {
            throw new ArgumentException("MediaClockOptions: MaxCatchUpTicks ≥ 1, SpinLead 0..10 ms, RealTimePriority 0..99", nameof(MaxCatchUpTicks));
        }

        if (ParkedHeartbeat < TimeSpan.FromMilliseconds(10) || ParkedHeartbeat > TimeSpan.FromSeconds(10))
        {
            throw new ArgumentException($"MediaClockOptions: ParkedHeartbeat is {ParkedHeartbeat.TotalMilliseconds} ms, not 10 ms..10 s", nameof(ParkedHeartbeat));
        }
    }
}
