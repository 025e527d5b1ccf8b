using FaxBox.FaxServer.Documents;

namespace FaxBox.FaxServer;

/// <summary>A user's request to send files as one fax (what the local API, the admin page and MQTT submit).</summary>
/// <param name="Files">The files, in page order (PDF, TIFF, PNG, JPEG; sniffed by content).</param>
/// <param name="Destination">A number (digits, *, #, +) or a SIP URI.</param>
/// <param name="Submitter">Who asks ("api", "admin:alice").</param>
/// <param name="Account">The SIP account to send through; null for the first one.</param>
/// <param name="Cover">A cover page's fields; null for none.</param>
/// <param name="NotifyAddress">An e-mail address told when the job is sent or has failed; null for none.</param>
public sealed record FaxSubmission(
    IReadOnlyList<DocumentSource> Files,
    string Destination,
    string Submitter,
    string? Account = null,
    CoverPageContent? Cover = null,
    string? NotifyAddress = null);
