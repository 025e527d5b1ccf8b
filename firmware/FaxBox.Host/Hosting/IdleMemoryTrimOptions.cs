namespace FaxBox.Host.Hosting;

/// <summary>When <see cref="IdleMemoryTrim"/> hands memory back after the box has gone quiet.</summary>
internal sealed class IdleMemoryTrimOptions
{
    /// <summary>
    /// How long the box must be quiet (no <see cref="IdleMemoryTrim.Arm"/>) before the trim starts. Default 3 s: past
    /// the first-use work right after start, and not after every status line of a call in progress.
    /// </summary>
    public TimeSpan QuietPeriod { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>
    /// The time between the finalizer passes. Default 2.5 s: the runtime rotates the JIT's slab cache at most once
    /// every 2 s (a slab is freed on the second rotation after its last use), so passes closer together do nothing.
    /// </summary>
    public TimeSpan PassSpacing { get; set; } = TimeSpan.FromMilliseconds(2500);

    /// <summary>
    /// Finalizer passes per trim. Default 3: the first may only start the runtime's 2 s rotation clock, the second
    /// moves the cached slabs to the "previous" list, the third frees them.
    /// </summary>
    public int Passes { get; set; } = 3;
}
