namespace FaxBox.FaxServer.Queue;

/// <summary>How one attempt of a job ended, as recorded in <c>attempts.outcome</c>.</summary>
public enum FaxAttemptOutcome
{
    /// <summary>Every page confirmed (MCF).</summary>
    Sent,

    /// <summary>The far end was busy: retried with back-off, not a fax failure.</summary>
    Busy,

    /// <summary>No answer: retried with back-off, not a fax failure.</summary>
    NoAnswer,

    /// <summary>The network or trunk failed: retried with back-off, not a fax failure.</summary>
    NetworkError,

    /// <summary>Refused for good (wrong number): the job fails at once.</summary>
    Rejected,

    /// <summary>Answered but the fax failed: the next attempt steps down the ladder.</summary>
    FaxFailed,

    /// <summary>A user cancelled the job during the call.</summary>
    Cancelled,

    /// <summary>The call could not be placed at all (unknown account, unreadable document): the job fails at once.</summary>
    CallerError,

    /// <summary>The box died during the call (found in progress at start-up): requeued on the same rung, counted.</summary>
    Interrupted,

    /// <summary>The box was shut down during the call: requeued on the same rung, not counted.</summary>
    Stopped,
}
