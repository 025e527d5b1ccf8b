namespace FaxBox.Core.Status;

/// <summary>The fax server's queues at one moment, as presenters show them.</summary>
/// <param name="Depth">Outgoing jobs not yet finished (queued, waiting to retry or sending).</param>
/// <param name="Sending">Outgoing jobs on a call now.</param>
/// <param name="OldestQueued">When the oldest unfinished outgoing job was submitted; null when there is none.</param>
/// <param name="InboxUndelivered">Received faxes whose delivery (e-mail, webhook) has not succeeded yet.</param>
public sealed record QueueStatus(int Depth, int Sending, DateTimeOffset? OldestQueued, int InboxUndelivered)
{
    /// <summary>Nothing queued.</summary>
    public static QueueStatus Empty { get; } = new(0, 0, null, 0);
}
