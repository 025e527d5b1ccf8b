namespace FaxBox.Media.Net;

/// <summary>The UDP ports media sessions bind, bound from <c>FaxBox:Media:Ports</c>.</summary>
public sealed class MediaPortRange
{
    /// <summary>Lowest port. Default 16384 (the customary RTP range start).</summary>
    public int MinPort { get; set; } = 16384;

    /// <summary>Highest port. Default 32767.</summary>
    public int MaxPort { get; set; } = 32767;

    /// <summary>Throws <see cref="ArgumentException"/> naming the bad bound.</summary>
    public void Validate()
    {
        if (MinPort is < 1024 or > 65534 || MaxPort < MinPort + 1 || MaxPort > 65535)
        {
            throw new ArgumentException($"media port range {MinPort}..{MaxPort} is invalid: need 1024 ≤ MinPort < MaxPort ≤ 65535", nameof(MinPort));
        }
    }
}
