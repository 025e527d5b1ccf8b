namespace FaxBox.FaxServer.Queue;

/// <summary>What the ladder says after an attempt.</summary>
/// <param name="State">The job's next state.</param>
/// <param name="Position">The job's ladder position from now on.</param>
/// <param name="NextAttempt">When the next attempt is due (null for a final state).</param>
/// <param name="Result">The job's last result in words ("busy; retry 2 of 8 in 00:02:00").</param>
/// <param name="LearnedRung">The rung to remember for the destination (set when the fax went through).</param>
public sealed record RetryDecision(FaxJobState State, FaxLadderPosition Position, DateTimeOffset? NextAttempt, string Result, int? LearnedRung);
