namespace FaxBox.Media.Jitter;

/// <summary>
/// The fax/modem pass-through buffer (V.152 voice-band data): fixed delay, no time stretching, no comfort noise, no VAD.
/// Bound from <c>FaxBox:Media:FaxJitterBuffer</c>.
/// </summary>
public sealed class FixedJitterBufferOptions
{
    /// <summary>Play-out delay after the first packet. Default 100 ms (fax tolerates delay, not slips; jitter &lt; 30 ms is the engineering limit).</summary>
    public TimeSpan Delay { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// Drift compensation: when the buffer level measured over <see cref="DriftWindow"/> has moved this far from where it
    /// started, samples are dropped or inserted — only in a silent frame that follows a silent frame. Default 5 ms (40 samples).
    /// </summary>
    public TimeSpan DriftThreshold { get; set; } = TimeSpan.FromMilliseconds(5);

    /// <summary>Window over which the minimum buffer level is taken (jitter-proof level). Default 2 s.</summary>
    public TimeSpan DriftWindow { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Largest absolute sample value counted as silence. Default 64 (about −54 dBm0).</summary>
    public int SilenceThreshold { get; set; } = 64;

    /// <summary>Throws <see cref="ArgumentException"/> naming the bad option.</summary>
    public void Validate()
    {
        if (Delay < TimeSpan.FromMilliseconds(20) || Delay > TimeSpan.FromMilliseconds(1000))
        {
            throw new ArgumentException("FixedJitterBufferOptions.Delay must be 20..1000 ms", nameof(Delay));
        }

        if (DriftThreshold <= TimeSpan.Zero || DriftWindow < TimeSpan.FromMilliseconds(200))
        {
            throw new ArgumentException("FixedJitterBufferOptions.DriftThreshold must be positive and DriftWindow ≥ 200 ms", nameof(DriftThreshold));
        }
    }
}
