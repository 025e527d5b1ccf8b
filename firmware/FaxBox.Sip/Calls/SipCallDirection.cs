namespace FaxBox.Sip.Calls;

/// <summary>Who sent the INVITE that made the call.</summary>
public enum SipCallDirection
{
    /// <summary>The box placed the call (it is the UAC and owns the Call-ID for the RFC 3261 §14.1 back-off).</summary>
    Outgoing,

    /// <summary>The peer placed the call.</summary>
    Incoming,
}
