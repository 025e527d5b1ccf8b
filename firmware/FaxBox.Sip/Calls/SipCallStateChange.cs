namespace FaxBox.Sip.Calls;

/// <summary>One state change of a call, as raised by <see cref="SipCall.StateChanged"/>.</summary>
/// <param name="Call">The call.</param>
/// <param name="State">The new state.</param>
/// <param name="Reason">Why the call ended (<see cref="SipCallEndReason.None"/> until it has).</param>
/// <param name="StatusCode">The SIP status code behind the change, when there is one.</param>
/// <param name="Detail">A human-readable detail for logs and status pages.</param>
public sealed record SipCallStateChange(SipCall Call, SipCallState State, SipCallEndReason Reason, int? StatusCode, string? Detail);
