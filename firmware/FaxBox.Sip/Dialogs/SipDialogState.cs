namespace FaxBox.Sip.Dialogs;

/// <summary>Dialog states (RFC 3261 §12): early (from a 1xx with a tag), confirmed (2xx), terminated (BYE or failure).</summary>
public enum SipDialogState
{
    Early,
    Confirmed,
    Terminated,
}
