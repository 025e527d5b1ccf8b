using System.Globalization;
using FaxBox.Sip.Messages;

namespace FaxBox.Sip.Calls;

/// <summary>
/// The Session-Expires header (RFC 4028 §4): "delta-seconds [;refresher=uac|uas]", and Min-SE (§5). The refresher is
/// named from the point of view of the transaction that carries it: "uac" is whoever sent the request.
/// </summary>
internal readonly record struct SipSessionExpires(TimeSpan Interval, string? Refresher)
{
    public const string Uac = "uac";
    public const string Uas = "uas";

    public static SipSessionExpires? From(SipMessage message)
    {
        var value = message.Headers.Get(SipHeaderNames.SessionExpires);
        return value is not null && TryParse(value, out var parsed) ? parsed : null;
    }

    public static bool TryParse(string value, out SipSessionExpires parsed)
    {
        parsed = default;
        var parts = value.Split(';', StringSplitOptions.TrimEntries);
        if (!uint.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) || seconds == 0)
        {
            return false;
        }

        string? refresher = null;
        foreach (var p in parts.Skip(1))
        {
            var eq = p.IndexOf('=', StringComparison.Ordinal);
            if (eq > 0 && p[..eq].Trim().Equals("refresher", StringComparison.OrdinalIgnoreCase))
            {
                refresher = p[(eq + 1)..].Trim().ToLowerInvariant();
                if (refresher is not (Uac or Uas))
                {
                    return false;
                }
            }
        }

        parsed = new SipSessionExpires(TimeSpan.FromSeconds(seconds), refresher);
        return true;
    }

    /// <summary>The Min-SE value of <paramref name="message"/> (RFC 4028 §5), or null.</summary>
    public static TimeSpan? MinSE(SipMessage message)
    {
        var value = message.Headers.Get(SipHeaderNames.MinSE);
        if (value is null)
        {
            return null;
        }

        var semi = value.IndexOf(';', StringComparison.Ordinal);
        var number = (semi >= 0 ? value[..semi] : value).Trim();
        return uint.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out var s) ? TimeSpan.FromSeconds(s) : null;
    }

    public static string Seconds(TimeSpan interval) => ((long)Math.Ceiling(interval.TotalSeconds)).ToString(CultureInfo.InvariantCulture);

    public override string ToString() => Refresher is null ? Seconds(Interval) : $"{Seconds(Interval)};refresher={Refresher}";
}
