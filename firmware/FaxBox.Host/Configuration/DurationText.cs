using System.Globalization;

namespace FaxBox.Host.Configuration;

/// <summary>
/// Durations in the configuration file: a number with a unit (<c>"150ms"</c>, <c>"5s"</c>, <c>"2m"</c>, <c>"1h"</c>,
/// fractions allowed: <c>"0.5s"</c>) or a plain JSON number of seconds.
/// </summary>
internal static class DurationText
{
    /// <summary>What a duration looks like, for error messages.</summary>
    public const string Expected = "a duration like \"5s\", \"150ms\", \"2m\" or a number of seconds";

    /// <summary>The longest duration accepted (a day); longer is a typo.</summary>
    public static readonly TimeSpan Max = TimeSpan.FromDays(1);

    /// <summary>Parses <paramref name="text"/>; false for anything else, including negative values.</summary>
    public static bool TryParse(string text, out TimeSpan value)
    {
        value = default;
        var s = text.Trim();
        var (unit, scale) = s.EndsWith("ms", StringComparison.Ordinal) ? ("ms", 1.0)
            : s.EndsWith('s') ? ("s", 1000.0)
            : s.EndsWith('m') ? ("m", 60_000.0)
            : s.EndsWith('h') ? ("h", 3_600_000.0)
            : (string.Empty, 0.0);
        if (unit.Length == 0)
        {
            return false;
        }

        var number = s[..^unit.Length];
        if (number.Length == 0 || !number.All(c => char.IsAsciiDigit(c) || c == '.')
            || !double.TryParse(number, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount))
        {
            return false;
        }

        return TryFromMilliseconds(amount * scale, out value);
    }

    /// <summary>A JSON number of seconds; false when negative or beyond <see cref="Max"/>.</summary>
    public static bool TryFromSeconds(double seconds, out TimeSpan value) => TryFromMilliseconds(seconds * 1000.0, out value);

    /// <summary>The shortest text <see cref="TryParse"/> reads back to the same value (whole milliseconds).</summary>
    public static string Format(TimeSpan value)
    {
        var ms = (long)value.TotalMilliseconds;
        return ms % 3_600_000 == 0 && ms != 0 ? $"{ms / 3_600_000}h"
            : ms % 60_000 == 0 && ms != 0 ? $"{ms / 60_000}m"
            : ms % 1000 == 0 ? $"{ms / 1000}s"
            : $"{ms}ms";
    }

    private static bool TryFromMilliseconds(double ms, out TimeSpan value)
    {
        value = default;
        if (double.IsNaN(ms) || ms < 0 || ms > Max.TotalMilliseconds)
        {
            return false;
        }

        value = TimeSpan.FromTicks((long)Math.Round(ms * TimeSpan.TicksPerMillisecond));
        return true;
    }
}
