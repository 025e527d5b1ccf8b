namespace FaxBox.FaxServer.Queue;

/// <summary>Where an outgoing fax job is. Stored by name in the job database (column <c>jobs.state</c>).</summary>
public enum FaxJobState
{
    /// <summary>Waiting for its first attempt (or requeued after the box restarted during a call).</summary>
    Queued,

    /// <summary>On a call now.</summary>
    Sending,

    /// <summary>An attempt failed in a way worth retrying; the next one is due at <see cref="FaxJob.NextAttempt"/>.</summary>
    WaitingRetry,

    /// <summary>Every page went through. Final: a job recorded sent is never sent again.</summary>
    Sent,

    /// <summary>Given up (wrong number, every rung of the ladder failed, retries exhausted). Final until retried by hand.</summary>
    Failed,

    /// <summary>Cancelled by a user. Final until retried by hand.</summary>
    Cancelled,
}
