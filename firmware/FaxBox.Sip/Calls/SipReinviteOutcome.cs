namespace FaxBox.Sip.Calls;

/// <summary>How the box's own offer inside a call (re-INVITE) ended.</summary>
public enum SipReinviteOutcome
{
    /// <summary>The peer accepted: the new session is in force.</summary>
    Accepted,

    /// <summary>The peer refused (488, 415, …): the previous session stays in force (RFC 3261 §14.1).</summary>
    Refused,

    /// <summary>
    /// Glare (491) and while the box waited out the §14.1 back-off the peer changed the session itself: the box's offer
    /// is stale and was not sent again; look at <see cref="SipCall.RemoteSdp"/> and decide anew.
    /// </summary>
    Superseded,

    /// <summary>The call ended or is not in a state that allows a re-INVITE.</summary>
    Failed,
}
