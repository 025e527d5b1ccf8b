namespace FaxBox.Fax.Managed.T30;

/// <summary>The T.30 timers (ITU-T T.30 §5.4.3), counted in 20 ms ticks of the terminal, never wall time.</summary>
internal sealed class T30TimerOptions
{
    /// <summary>T1, how long a terminal waits for the far end to identify itself (DIS/DCS). Default 35 s.</summary>
    public TimeSpan T1 { get; init; } = TimeSpan.FromSeconds(35);

    /// <summary>T2, how long a receiver waits for the next command or page (silence). Default 6 s.</summary>
    public TimeSpan T2 { get; init; } = TimeSpan.FromSeconds(6);

    /// <summary>T4, how long a sender waits for a response before repeating its command. Default 3 s.</summary>
    public TimeSpan T4 { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>Times a command is sent before the call is given up (T.30 §5.4.3.4: three tries). Default 3.</summary>
    public int Tries { get; init; } = 3;

    /// <summary>The timer in 20 ms ticks.</summary>
    public static int Ticks(TimeSpan time) => Math.Max(1, (int)(time.TotalMilliseconds / 20));
}
