using System.Collections.Immutable;
using System.Globalization;
using FaxBox.CallControl.Terminals;

namespace FaxBox.FaxServer.Queue;

/// <summary>
/// The learning retry ladder (issue 7 item 2), pure logic. Busy, no answer and network errors are retried with back-off
/// and are not fax failures. Fax failures step down the rungs T.38+ECM → G.711+ECM → T.38 at 9600 without ECM → G.711
/// at 9600 without ECM, then the job fails. A rejected call fails at once. The rung that last worked for a destination
/// is tried first, followed by the others in ladder order.
/// </summary>
public sealed class RetryLadder
{
    private readonly RetryLadderOptions _options;

    /// <summary>Makes a ladder; throws <see cref="ArgumentException"/> for bad options.</summary>
    public RetryLadder(RetryLadderOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
    }

    /// <summary>The rungs in ladder order. Stored by index in the job database: append only, never reorder.</summary>
    public static ImmutableArray<FaxRung> Rungs { get; } =
    [
        new(FaxTransport.T38, Ecm: true, 14400),
        new(FaxTransport.G711, Ecm: true, 14400),
        new(FaxTransport.T38, Ecm: false, 9600),
        new(FaxTransport.G711, Ecm: false, 9600),
    ];

    /// <summary>The options in force.</summary>
    public RetryLadderOptions Options => _options;

    /// <summary>
    /// The index in <see cref="Rungs"/> of the rung for <paramref name="position"/>: the first rung, then the other rungs in
    /// ladder order. Null when every rung has been tried.
    /// </summary>
    public static int? RungIndex(FaxLadderPosition position)
    {
        int first = position.FirstRung is { } f && f >= 0 && f < Rungs.Length ? f : 0;
        if (position.Step < 0 || position.Step >= Rungs.Length)
        {
            return null;
        }

        if (position.Step == 0)
        {
            return first;
        }

        // The rest in ladder order, skipping the first.
        int seen = 0;
        for (int i = 0; i < Rungs.Length; i++)
        {
            if (i != first && ++seen == position.Step)
            {
                return i;
            }
        }

        return null;
    }

    /// <summary>
    /// The position for the next attempt: before the first fax-carrying step, the rung learned for the destination
    /// (<paramref name="learnedRung"/>) is adopted; once the job has stepped down, its order stays fixed.
    /// </summary>
    public static FaxLadderPosition BeforeAttempt(FaxLadderPosition position, int? learnedRung)
    {
        if (position.Step == 0 && position.FaxFailures == 0)
        {
            int first = learnedRung is { } l && l >= 0 && l < Rungs.Length ? l : 0;
            return position with { FirstRung = first };
        }

        return position.FirstRung is null ? position with { FirstRung = 0 } : position;
    }

    /// <summary>The wait before busy/no-answer/network retry number <paramref name="retry"/> (1-based).</summary>
    public TimeSpan BackOff(int retry)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(retry, 1);
        return _options.BackOff[Math.Min(retry, _options.BackOff.Count) - 1];
    }

    /// <summary>Decides what follows an attempt that ended with <paramref name="outcome"/> at <paramref name="now"/>.</summary>
    /// <param name="position">The job's position during the attempt (as returned by <see cref="BeforeAttempt"/>).</param>
    /// <param name="outcome">How the attempt ended.</param>
    /// <param name="reason">The attempt's reason in words ("486 Busy Here").</param>
    /// <param name="now">The time the attempt ended.</param>
    public RetryDecision Decide(FaxLadderPosition position, FaxAttemptOutcome outcome, string reason, DateTimeOffset now)
    {
        reason = string.IsNullOrWhiteSpace(reason) ? outcome.ToString() : reason;
        switch (outcome)
        {
            case FaxAttemptOutcome.Sent:
                return new RetryDecision(FaxJobState.Sent, position, null, $"sent on {Describe(position)}", RungIndex(position));

            case FaxAttemptOutcome.Busy:
            case FaxAttemptOutcome.NoAnswer:
            case FaxAttemptOutcome.NetworkError:
            {
                int retries = position.Retries + 1;
                var next = position with { Retries = retries };
                if (retries > _options.MaxRetries)
                {
                    return new RetryDecision(FaxJobState.Failed, next, null, Invariant($"{reason}; gave up after {_options.MaxRetries} retries"), null);
                }

                var wait = BackOff(retries);
                return new RetryDecision(FaxJobState.WaitingRetry, next, now + wait, Invariant($"{reason}; retry {retries} of {_options.MaxRetries} in {wait}"), null);
            }

            case FaxAttemptOutcome.Rejected:
                return new RetryDecision(FaxJobState.Failed, position, null, $"{reason}; rejected, not retried", null);

            case FaxAttemptOutcome.CallerError:
                return new RetryDecision(FaxJobState.Failed, position, null, $"{reason}; the call could not be placed", null);

            case FaxAttemptOutcome.FaxFailed:
            {
                var next = position with { Step = position.Step + 1, FaxFailures = position.FaxFailures + 1 };
                if (RungIndex(next) is not { } rung)
                {
                    return new RetryDecision(FaxJobState.Failed, next, null, Invariant($"{reason}; fax failed on every rung ({next.FaxFailures} attempts)"), null);
                }

                return new RetryDecision(FaxJobState.WaitingRetry, next, now + _options.FaxFailureDelay, $"{reason}; next try {Rungs[rung]} in {_options.FaxFailureDelay}", null);
            }

            case FaxAttemptOutcome.Cancelled:
                return new RetryDecision(FaxJobState.Cancelled, position, null, "cancelled during the call", null);

            case FaxAttemptOutcome.Interrupted:
            {
                var next = position with { Interruptions = position.Interruptions + 1 };
                if (next.Interruptions >= _options.MaxInterruptions)
                {
                    return new RetryDecision(FaxJobState.Failed, next, null, Invariant($"the box restarted during {next.Interruptions} calls of this job; not retried"), null);
                }

                return new RetryDecision(FaxJobState.Queued, next, now + _options.InterruptedDelay, $"the box restarted during the call; retry on {Describe(position)} in {_options.InterruptedDelay}", null);
            }

            case FaxAttemptOutcome.Stopped:
                return new RetryDecision(FaxJobState.Queued, position, now + _options.InterruptedDelay, $"the box stopped during the call; retry on {Describe(position)} in {_options.InterruptedDelay}", null);

            default:
                throw new ArgumentOutOfRangeException(nameof(outcome), outcome, "unknown attempt outcome");
        }
    }

    /// <summary>Maps the gateway's outcome kind onto the attempt outcome.</summary>
    public static FaxAttemptOutcome FromCall(FaxCallOutcomeKind kind) => kind switch
    {
        FaxCallOutcomeKind.Sent => FaxAttemptOutcome.Sent,
        FaxCallOutcomeKind.Busy => FaxAttemptOutcome.Busy,
        FaxCallOutcomeKind.NoAnswer => FaxAttemptOutcome.NoAnswer,
        FaxCallOutcomeKind.Rejected => FaxAttemptOutcome.Rejected,
        FaxCallOutcomeKind.FaxFailed => FaxAttemptOutcome.FaxFailed,
        FaxCallOutcomeKind.NetworkError => FaxAttemptOutcome.NetworkError,
        FaxCallOutcomeKind.Cancelled => FaxAttemptOutcome.Cancelled,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown call outcome"),
    };

    private static string Describe(FaxLadderPosition position) => RungIndex(position) is { } i ? Rungs[i].ToString() : "no rung";

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
