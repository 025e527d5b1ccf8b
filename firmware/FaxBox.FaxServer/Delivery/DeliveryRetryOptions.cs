namespace FaxBox.FaxServer.Delivery;

/// <summary>
/// Back-off between delivery attempts (JSON <c>faxServer.deliveryRetry</c>). A delivery is retried until it succeeds
/// or the fax is deleted: the delay doubles from <see cref="FirstDelay"/> up to <see cref="MaxDelay"/>.
/// </summary>
public sealed class DeliveryRetryOptions
{
    /// <summary>The delay after the first failure. Default 30 s.</summary>
    public TimeSpan FirstDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The longest delay between attempts. Default 1 h.</summary>
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromHours(1);

    /// <summary>The delay after <paramref name="failures"/> failed attempts (1 or more).</summary>
    public TimeSpan DelayAfter(int failures)
    {
        int doublings = Math.Clamp(failures - 1, 0, 30);
        double ticks = FirstDelay.Ticks * Math.Pow(2, doublings);
        return ticks >= MaxDelay.Ticks ? MaxDelay : TimeSpan.FromTicks((long)ticks);
    }
}
