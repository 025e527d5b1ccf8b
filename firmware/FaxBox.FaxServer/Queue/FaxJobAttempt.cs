using FaxBox.Core.Status;

namespace FaxBox.FaxServer.Queue;

/// <summary>One attempt of a job (a row of <c>attempts</c>).</summary>
/// <param name="Id">The attempt id.</param>
/// <param name="JobId">The job.</param>
/// <param name="Number">1 for the job's first attempt.</param>
/// <param name="Started">When the call was placed.</param>
/// <param name="Ended">When it ended; null while on the call (or when the box died during it, until the restart).</param>
/// <param name="Rung">How it carried the fax.</param>
/// <param name="Outcome">How it ended; null while on the call.</param>
/// <param name="Reason">The reason in words.</param>
/// <param name="PagesConfirmed">Pages the far end confirmed (MCF), kept up to date during the call.</param>
/// <param name="SipStatus">The final SIP status of a failed INVITE.</param>
/// <param name="RemoteIdent">The far machine's CSI.</param>
/// <param name="Record">The per-fax record.</param>
public sealed record FaxJobAttempt(
    long Id,
    long JobId,
    int Number,
    DateTimeOffset Started,
    DateTimeOffset? Ended,
    FaxRung Rung,
    FaxAttemptOutcome? Outcome,
    string? Reason,
    int PagesConfirmed,
    int? SipStatus,
    string? RemoteIdent,
    FaxRecord? Record);
