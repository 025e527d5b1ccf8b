using FaxBox.Core.Status;
using FaxBox.Fax;

namespace FaxBox.CallControl.Terminals;

/// <summary>How a terminal call ended, before it becomes an outgoing or an inbound outcome.</summary>
/// <param name="Kind">How it ended in the retry ladder's terms.</param>
/// <param name="Reason">In words.</param>
/// <param name="SipStatus">The INVITE's final SIP status when the call never connected, else null.</param>
/// <param name="Result">The fax terminal's result, when a terminal ran.</param>
/// <param name="Record">The per-fax record, when the call connected.</param>
internal sealed record TerminalCallEnd(FaxCallOutcomeKind Kind, string Reason, int? SipStatus, FaxResult? Result, FaxRecord? Record);
