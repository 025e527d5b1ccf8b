namespace FaxBox.Sip.Calls;

/// <summary>Why a call ended.</summary>
public enum SipCallEndReason
{
    /// <summary>The call has not ended.</summary>
    None,

    /// <summary>The box sent BYE.</summary>
    LocalHangUp,

    /// <summary>The peer sent BYE.</summary>
    RemoteHangUp,

    /// <summary>The peer answered the INVITE with a final error (3xx–6xx); the status code says which.</summary>
    Rejected,

    /// <summary>The box answered the incoming INVITE with an error.</summary>
    RejectedLocally,

    /// <summary>The box cancelled its INVITE before the answer (RFC 3261 §9.1).</summary>
    Cancelled,

    /// <summary>The peer cancelled its INVITE before the box answered (§9.2).</summary>
    CancelledByPeer,

    /// <summary>The box's 2xx was never acknowledged within 64·T1: the box sent BYE (§13.3.1.4).</summary>
    NoAck,

    /// <summary>No session refresh arrived in time (RFC 4028 §10), or a refresh failed with 408/481.</summary>
    SessionExpired,

    /// <summary>No final response came (Timer B) or the transport failed.</summary>
    Timeout,

    /// <summary>A challenge could not be answered or the credentials were refused (RFC 3261 §22).</summary>
    AuthenticationFailed,

    /// <summary>The peer lost the dialog (481 or 408 to an in-dialog request, §12.2.1.2).</summary>
    DialogLost,

    /// <summary>A reliable provisional response was never acknowledged with PRACK (RFC 3262 §3).</summary>
    PrackTimeout,
}
