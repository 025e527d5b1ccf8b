namespace FaxBox.FaxServer.Inbox;

/// <summary>A change in the inbox.</summary>
/// <param name="fax">The fax as it is now (as it was, for <see cref="InboxChangeKind.Deleted"/>).</param>
/// <param name="kind">What happened.</param>
public sealed class InboxChangedEventArgs(ReceivedFax fax, InboxChangeKind kind) : EventArgs
{
    /// <summary>The fax.</summary>
    public ReceivedFax Fax { get; } = fax;

    /// <summary>What happened.</summary>
    public InboxChangeKind Kind { get; } = kind;
}
