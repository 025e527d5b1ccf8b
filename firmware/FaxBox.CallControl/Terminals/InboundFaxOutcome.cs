using FaxBox.Core.Status;

namespace FaxBox.CallControl.Terminals;

/// <summary>How a received fax call ended.</summary>
/// <param name="ReceivePath">The file the terminal wrote (the acceptance's path); it may hold fewer pages than sent.</param>
/// <param name="Success">True when the T.30 session ended normally.</param>
/// <param name="Pages">Pages received and confirmed.</param>
/// <param name="Result">In words ("ok", "call dropped on page 3").</param>
/// <param name="RemoteIdent">The sender's TSI, when it said one.</param>
/// <param name="SubAddress">The T.30 SUB frame's sub-address, when the sender gave one (routing by sub-address).</param>
/// <param name="Record">The per-fax record.</param>
public sealed record InboundFaxOutcome(
    string ReceivePath,
    bool Success,
    int Pages,
    string Result,
    string? RemoteIdent,
    string? SubAddress,
    FaxRecord? Record);
