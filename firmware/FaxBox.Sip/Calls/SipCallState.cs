namespace FaxBox.Sip.Calls;

/// <summary>Where a call stands (RFC 3261 §13, §12: the INVITE transaction and the dialog it makes).</summary>
public enum SipCallState
{
    /// <summary>Outgoing: the INVITE is not yet sent or has had no provisional response.</summary>
    Dialing,

    /// <summary>Outgoing: a provisional response (1xx) arrived; an early dialog may exist (§13.2.2.1).</summary>
    Proceeding,

    /// <summary>Incoming: the INVITE arrived and is not answered yet (§13.3.1).</summary>
    Incoming,

    /// <summary>A 2xx was sent or received: the dialog is confirmed (§12.1).</summary>
    Connected,

    /// <summary>The call is over (BYE, rejection, cancel, timeout); see <see cref="SipCallEndReason"/>.</summary>
    Terminated,
}
