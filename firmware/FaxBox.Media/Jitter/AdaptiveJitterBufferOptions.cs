namespace FaxBox.Media.Jitter;

/// <summary>The voice jitter buffer's limits. Bound from <c>FaxBox:Media:VoiceJitterBuffer</c>.</summary>
public sealed class AdaptiveJitterBufferOptions
{
    /// <summary>Smallest play-out delay. Default 20 ms.</summary>
    public TimeSpan MinDelay { get; set; } = TimeSpan.FromMilliseconds(20);

    /// <summary>Largest play-out delay. Default 200 ms.</summary>
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Delay before the jitter estimate settles. Default 60 ms.</summary>
    public TimeSpan InitialDelay { get; set; } = TimeSpan.FromMilliseconds(60);

    /// <summary>Target delay = one frame + this many times the interarrival jitter (RFC 3550 A.8 estimate). Default 4.</summary>
    public double JitterMultiplier { get; set; } = 4;

    /// <summary>Largest absolute sample value counted as silence (where the delay may change). Default 256.</summary>
    public int SilenceThreshold { get; set; } = 256;

    /// <summary>Throws <see cref="ArgumentException"/> naming the bad option.</summary>
    public void Validate()
    {
        if (MinDelay < TimeSpan.Zero || MaxDelay < MinDelay || MaxDelay > TimeSpan.FromMilliseconds(1000) || InitialDelay < MinDelay || InitialDelay > MaxDelay)
        {
            throw new ArgumentException("AdaptiveJitterBufferOptions needs 0 ≤ MinDelay ≤ InitialDelay ≤ MaxDelay ≤ 1000 ms", nameof(MinDelay));
        }
    }
}
