using FaxBox.Core.Status;

namespace FaxBox.CallControl.Terminals;

/// <summary>The end of one send attempt.</summary>
/// <param name="Kind">How it ended.</param>
/// <param name="Reason">In words: "486 Busy Here", "T.30: no response to DCS", "ok".</param>
/// <param name="PagesSent">Pages the far end confirmed (MCF).</param>
/// <param name="SipStatus">The final SIP status of the INVITE when it failed, else null.</param>
/// <param name="RemoteIdent">The far machine's CSI, when it said one.</param>
/// <param name="Record">The per-fax record (null when no fax started: busy, no answer, rejected).</param>
public sealed record FaxCallOutcome(
    FaxCallOutcomeKind Kind,
    string Reason,
    int PagesSent,
    int? SipStatus,
    string? RemoteIdent,
    FaxRecord? Record);
