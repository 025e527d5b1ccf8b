namespace FaxBox.Core.Status;

/// <summary>
/// The box's status as one immutable model (ARCHITECTURE.md rule 3): the gateway and the fax server publish into it,
/// MQTT and the admin page present it. Neither presenter reaches into SIP or a line port.
/// </summary>
public interface IStatusFeed
{
    /// <summary>The latest snapshot; never null.</summary>
    StatusSnapshot Current { get; }

    /// <summary>
    /// Raised after every change with the new snapshot, synchronously on the thread that made the change (which may be
    /// the media thread): handlers must be quick and must not block; hand work to a queue of your own.
    /// </summary>
    event EventHandler<StatusChange>? Changed;
}
