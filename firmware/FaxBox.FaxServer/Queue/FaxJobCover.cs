namespace FaxBox.FaxServer.Queue;

/// <summary>What the submitter asked for on the cover page (kept with the job; the page itself is already in the document).</summary>
/// <param name="To">The recipient's name.</param>
/// <param name="From">The sender's name.</param>
/// <param name="Subject">The subject line.</param>
/// <param name="Note">The free text.</param>
public sealed record FaxJobCover(string? To, string? From, string? Subject, string? Note);
