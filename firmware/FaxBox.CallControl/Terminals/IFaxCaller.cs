using FaxBox.Core.Status;

namespace FaxBox.CallControl.Terminals;

/// <summary>
/// Places a fax call from the box's own fax terminal (the gateway implements it). The call shares the media scheduler
/// with every other call: no thread per call. Thread-safe; any number of calls at once.
/// </summary>
public interface IFaxCaller
{
    /// <summary>
    /// Sends <see cref="FaxCallRequest.TiffPath"/> to <see cref="FaxCallRequest.Destination"/>; completes when the call has
    /// ended. Never throws for a call that fails (the outcome says why); throws <see cref="ArgumentException"/> for a request
    /// that cannot be placed at all (unknown account, unreadable file).
    /// </summary>
    Task<FaxCallOutcome> SendAsync(FaxCallRequest request, IProgress<FaxProgress>? progress, CancellationToken cancellationToken);
}
