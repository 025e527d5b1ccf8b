namespace FaxBox.FaxServer.Queue;

/// <summary>A new outgoing fax job.</summary>
/// <param name="Submitter">Who submitted it ("admin", "api:alice", "fxs0" for store-and-forward).</param>
/// <param name="Destination">A number (dialled through the account) or a SIP URI.</param>
/// <param name="Account">The SIP account (trunk) to call through; null for the first one.</param>
/// <param name="DocumentPath">The normalised TIFF-F to send (cover page included), already in the data folder.</param>
/// <param name="Pages">Pages in the document (at least 1).</param>
/// <param name="Cover">The cover page's details, when there is one.</param>
/// <param name="NotifyAddress">Where to send the sent/failed notification (an e-mail address), if anywhere.</param>
public sealed record FaxJobSubmission(
    string Submitter,
    string Destination,
    string? Account,
    string DocumentPath,
    int Pages,
    FaxJobCover? Cover,
    string? NotifyAddress);
