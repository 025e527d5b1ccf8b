namespace FaxBox.Sip.Transactions;

/// <summary>The RFC 3261 timer values (§17.1.1.1, Table 4). Bound from <c>FaxBox:Sip:Timers</c>.</summary>
public sealed class SipTimerOptions
{
    /// <summary>T1, the round-trip estimate. Default 500 ms.</summary>
    public TimeSpan T1 { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>T2, the longest retransmit interval for non-INVITE requests and INVITE responses. Default 4 s.</summary>
    public TimeSpan T2 { get; init; } = TimeSpan.FromSeconds(4);

    /// <summary>T4, the longest time a message stays in the network. Default 5 s.</summary>
    public TimeSpan T4 { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Timer D, the wait for response retransmissions of a failed INVITE over UDP. Default 32 s (at least 32 s).</summary>
    public TimeSpan TimerD { get; init; } = TimeSpan.FromSeconds(32);

    /// <summary>64·T1: timers B, F, H, J (and L, M of RFC 6026).</summary>
    public TimeSpan TransactionTimeout => 64 * T1;
}
