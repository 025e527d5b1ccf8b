namespace FaxBox.Admin.Diagnostics;

/// <summary>What the trunk fax test (one test page to a number through the fax server, one attempt) did.</summary>
/// <param name="Number">The number dialled.</param>
/// <param name="Sent">The page went through.</param>
/// <param name="JobId">The fax server's job, or null when it was not queued.</param>
/// <param name="State">The job's state at the end (sent, failed, cancelled after its first attempt), or why it was not queued.</param>
/// <param name="Result">The attempt's result in words.</param>
public sealed record TrunkFaxTestResult(string Number, bool Sent, long? JobId, string State, string? Result);
