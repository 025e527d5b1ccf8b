namespace FaxBox.FaxServer.Queue;

/// <summary>
/// Told of every job event, in order per job. Awaited by the scheduler (an exception is logged, never lost, and does not
/// stop the scheduler); an observer that does slow work (e-mail) hands it to its own queue and returns.
/// </summary>
public interface IFaxJobObserver
{
    /// <summary>Handles one event.</summary>
    ValueTask OnJobEventAsync(FaxJobEvent jobEvent, CancellationToken cancellationToken);
}
