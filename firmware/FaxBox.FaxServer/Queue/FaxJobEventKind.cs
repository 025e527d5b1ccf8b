namespace FaxBox.FaxServer.Queue;

/// <summary>What happened to a job.</summary>
public enum FaxJobEventKind
{
    /// <summary>Submitted and stored.</summary>
    Submitted,

    /// <summary>An attempt started (the call is being placed).</summary>
    AttemptStarted,

    /// <summary>A step of the fax on the call (phase B, a page confirmed, phase E).</summary>
    Progress,

    /// <summary>An attempt ended and the job waits for its next one.</summary>
    RetryScheduled,

    /// <summary>Requeued: by a user's retry, or after the box stopped or died during its call.</summary>
    Requeued,

    /// <summary>Every page went through. Final.</summary>
    Sent,

    /// <summary>Given up. Final until retried by hand.</summary>
    Failed,

    /// <summary>Cancelled (at once, or its call ended after a cancel).</summary>
    Cancelled,

    /// <summary>A cancel was asked for a job on a call; the call is being ended.</summary>
    CancelRequested,

    /// <summary>Deleted with its attempts.</summary>
    Deleted,
}
