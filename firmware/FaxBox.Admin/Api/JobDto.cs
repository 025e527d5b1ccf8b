namespace FaxBox.Admin.Api;

/// <summary>An outgoing fax job as the local API shows it (<c>GET /api/v1/jobs/{id}</c>).</summary>
/// <param name="Id">The job's number.</param>
/// <param name="State">queued, sending, waiting-retry, sent, failed or cancelled.</param>
/// <param name="Destination">The number or SIP URI it goes to.</param>
/// <param name="Pages">Pages in the document (cover page included).</param>
/// <param name="PagesSent">Pages the far end confirmed on the latest attempt.</param>
/// <param name="Attempts">Attempts made so far.</param>
/// <param name="LastResult">The latest attempt's result in words, or the reason the job is kept (null before any).</param>
/// <param name="Submitted">When it was submitted.</param>
/// <param name="NextAttempt">When the next attempt is due (waiting-retry), else null.</param>
/// <param name="Finished">When it reached sent, failed or cancelled, else null.</param>
public sealed record JobDto(
    long Id,
    string State,
    string Destination,
    int Pages,
    int PagesSent,
    int Attempts,
    string? LastResult,
    DateTimeOffset Submitted,
    DateTimeOffset? NextAttempt,
    DateTimeOffset? Finished)
{
    /// <summary>Whether the job will not change any more.</summary>
    public bool IsFinal => State is "sent" or "failed" or "cancelled";
}
