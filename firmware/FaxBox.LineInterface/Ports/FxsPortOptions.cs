namespace FaxBox.LineInterface.Ports;

/// <summary>
/// Timing of an FXS port's hook-signal recognition. Durations are quantised to the 20 ms media tick.
/// Bound from <c>FaxBox:Line:Fxs</c>.
/// </summary>
public sealed class FxsPortOptions
{
    /// <summary>A loop closure must last this long to count as off-hook (contact bounce, ring-trip transients). Default 40 ms.</summary>
    public TimeSpan OffHookDebounce { get; set; } = TimeSpan.FromMilliseconds(40);

    /// <summary>The longest loop break taken as a dial pulse (10 pulses/s: 60–66 ms break). Default 100 ms.</summary>
    public TimeSpan PulseBreakMaximum { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>A loop closure at least this long after pulses ends the digit (ITU-T Q.552 inter-digit pause). Default 200 ms.</summary>
    public TimeSpan InterDigitMinimum { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>The shortest break taken as a hook flash (register recall). Default 200 ms.</summary>
    public TimeSpan FlashMinimum { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>The longest break taken as a hook flash; a longer one is on-hook (the call ends). Default 1000 ms.</summary>
    public TimeSpan FlashMaximum { get; set; } = TimeSpan.FromMilliseconds(1000);

    /// <summary>Stop dial tone at the first digit, as exchanges do. Default true.</summary>
    public bool StopDialToneOnFirstDigit { get; set; } = true;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first inconsistent setting.</summary>
    public void Validate()
    {
        if (OffHookDebounce < TimeSpan.Zero || PulseBreakMaximum <= TimeSpan.Zero || InterDigitMinimum <= TimeSpan.Zero)
        {
            throw new ArgumentException("FaxBox:Line:Fxs: OffHookDebounce must not be negative, PulseBreakMaximum and InterDigitMinimum must be positive");
        }

        if (FlashMinimum <= PulseBreakMaximum)
        {
            throw new ArgumentException($"FaxBox:Line:Fxs:FlashMinimum ({FlashMinimum.TotalMilliseconds} ms) must be longer than PulseBreakMaximum ({PulseBreakMaximum.TotalMilliseconds} ms)", nameof(FlashMinimum));
        }

        if (FlashMaximum <= FlashMinimum)
        {
            throw new ArgumentException($"FaxBox:Line:Fxs:FlashMaximum ({FlashMaximum.TotalMilliseconds} ms) must be longer than FlashMinimum", nameof(FlashMaximum));
        }
    }
}
