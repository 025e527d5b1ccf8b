namespace FaxBox.FaxServer.Inbox;

/// <summary>What happened to a fax in the inbox.</summary>
public enum InboxChangeKind
{
    /// <summary>A received fax was stored in its folder (after a call, or recovered on start).</summary>
    Stored,

    /// <summary>A delivery attempt ended (delivered or failed; see the fax's deliveries).</summary>
    DeliveryAttempted,

    /// <summary>The fax was deleted (on request or by retention).</summary>
    Deleted,
}
