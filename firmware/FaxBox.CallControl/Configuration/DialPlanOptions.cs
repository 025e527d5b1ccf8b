namespace FaxBox.CallControl.Configuration;

/// <summary>
/// How an FXS port collects digits before it places a call (JSON <c>dialPlan</c>, and per port <c>ports[n].dialPlan</c>).
/// Patterns, in the style of ATA dial plans: digits match themselves, <c>x</c> any digit, <c>[2-9]</c> or <c>[135]</c>
/// one of a set, <c>.</c> repeats the element before it zero or more times, <c>*</c> and <c>#</c> match themselves.
/// The call is placed as soon as the digits match a pattern and can match no longer one, on <c>#</c> when
/// <see cref="HashSends"/>, or after <see cref="InterDigitTimeout"/> when they match a pattern.
/// </summary>
public sealed class DialPlanOptions
{
    /// <summary>The patterns. Default: <c>x.</c> (any digits, sent on # or the inter-digit timeout).</summary>
    public List<string> Patterns { get; set; } = ["x."];

    /// <summary>A number dialled as soon as the port goes off-hook (a hotline); null for none. Default null.</summary>
    public string? Hotline { get; set; }

    /// <summary>
    /// With a hotline, how long the port waits for a first digit before dialling it (a "warm line"); zero dials at once.
    /// Default zero.
    /// </summary>
    public TimeSpan HotlineDelay { get; set; } = TimeSpan.Zero;

    /// <summary>The wait after a digit before a matching number is sent. Default 4 s.</summary>
    public TimeSpan InterDigitTimeout { get; set; } = TimeSpan.FromSeconds(4);

    /// <summary>The wait for the first digit after dial tone before the port plays congestion. Default 15 s.</summary>
    public TimeSpan FirstDigitTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Whether <c>#</c> sends the digits collected so far (and is not part of the number). Default true.</summary>
    public bool HashSends { get; set; } = true;

    /// <summary>The most digits a number may have. Default 32.</summary>
    public int MaxDigits { get; set; } = 32;

    /// <summary>A copy with the same values.</summary>
    public DialPlanOptions Clone() => new()
    {
        Patterns = [.. Patterns], Hotline = Hotline, HotlineDelay = HotlineDelay, InterDigitTimeout = InterDigitTimeout,
        FirstDigitTimeout = FirstDigitTimeout, HashSends = HashSends, MaxDigits = MaxDigits,
    };
}
