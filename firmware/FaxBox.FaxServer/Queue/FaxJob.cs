namespace FaxBox.FaxServer.Queue;

/// <summary>One outgoing fax job as stored (a row of <c>jobs</c>).</summary>
/// <param name="Id">The job id (never reused, also after a delete).</param>
/// <param name="Submitted">When it was submitted.</param>
/// <param name="Submitter">Who submitted it.</param>
/// <param name="Destination">The number or SIP URI.</param>
/// <param name="Account">The SIP account (trunk), null for the first one.</param>
/// <param name="DocumentPath">The TIFF-F sent.</param>
/// <param name="Pages">Pages in the document.</param>
/// <param name="Cover">The cover page's details.</param>
/// <param name="NotifyAddress">Where notifications go.</param>
/// <param name="State">Where the job is.</param>
/// <param name="Attempts">Attempts started so far.</param>
/// <param name="Ladder">Its position on the retry ladder.</param>
/// <param name="NextAttempt">When the next attempt is due (queued and waiting-retry jobs), else null.</param>
/// <param name="LastResult">The last result in words, null before the first attempt.</param>
/// <param name="CancelRequested">A user asked to cancel while it was on a call.</param>
/// <param name="Updated">When the row last changed.</param>
/// <param name="Finished">When it reached sent, failed or cancelled.</param>
public sealed record FaxJob(
    long Id,
    DateTimeOffset Submitted,
    string Submitter,
    string Destination,
    string? Account,
    string DocumentPath,
    int Pages,
    FaxJobCover? Cover,
    string? NotifyAddress,
    FaxJobState State,
    int Attempts,
    FaxLadderPosition Ladder,
    DateTimeOffset? NextAttempt,
    string? LastResult,
    bool CancelRequested,
    DateTimeOffset Updated,
    DateTimeOffset? Finished)
{
    /// <summary>Whether the job is sent, failed or cancelled.</summary>
    public bool IsFinished => State is FaxJobState.Sent or FaxJobState.Failed or FaxJobState.Cancelled;
}
