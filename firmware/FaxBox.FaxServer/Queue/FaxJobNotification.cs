namespace FaxBox.FaxServer.Queue;

/// <summary>
/// One sent or failed e-mail to a job's submitter (a row of <c>notifications</c>), recorded in the same transaction that
/// ended the job, so a crash or a refusing SMTP server cannot lose it: it is retried with back-off until the server takes
/// it, like a received fax's deliveries.
/// </summary>
/// <param name="Id">The notification id.</param>
/// <param name="JobId">The job it tells about.</param>
/// <param name="AttemptId">The attempt that ended the job, when there was one.</param>
/// <param name="Kind"><see cref="FaxJobEventKind.Sent"/> or <see cref="FaxJobEventKind.Failed"/>.</param>
/// <param name="Address">The recipient (the job's notify address).</param>
/// <param name="Result">The job's result in words when it ended ("ok", "T.30: no response to DCS").</param>
/// <param name="Created">When the job ended.</param>
/// <param name="Attempts">Sending attempts so far.</param>
/// <param name="NextAttempt">When the next attempt is due; null once delivered.</param>
/// <param name="LastError">Why the last attempt failed (the SMTP server's answer), null when it did not.</param>
/// <param name="Delivered">When the SMTP server accepted it; null while pending.</param>
public sealed record FaxJobNotification(
    long Id,
    long JobId,
    long? AttemptId,
    FaxJobEventKind Kind,
    string Address,
    string Result,
    DateTimeOffset Created,
    int Attempts,
    DateTimeOffset? NextAttempt,
    string? LastError,
    DateTimeOffset? Delivered)
{
    /// <summary>Whether it is still to be sent.</summary>
    public bool IsPending => Delivered is null;
}
