using FaxBox.Core;

namespace FaxBox.LineInterface.Signalling;

/// <summary>Durations in media ticks (20 ms).</summary>
internal static class Ticks
{
    /// <summary>The number of whole ticks in <paramref name="duration"/>, rounded to nearest, at least <paramref name="minimum"/>.</summary>
    public static int Of(TimeSpan duration, int minimum = 0) =>
        Math.Max(minimum, (int)Math.Round(duration.TotalMilliseconds / AudioFrame.Milliseconds));

    /// <summary>The number of whole ticks in <paramref name="milliseconds"/>, rounded to nearest.</summary>
    public static int Of(int milliseconds) => (int)Math.Round(milliseconds / (double)AudioFrame.Milliseconds);

    /// <summary>The time after <paramref name="ticks"/> ticks.</summary>
    public static TimeSpan ToTime(long ticks) => TimeSpan.FromMilliseconds(ticks * AudioFrame.Milliseconds);
}
