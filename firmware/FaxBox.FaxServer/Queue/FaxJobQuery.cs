namespace FaxBox.FaxServer.Queue;

/// <summary>Which jobs to list, newest first.</summary>
public sealed record FaxJobQuery
{
    /// <summary>Only jobs in these states; empty for all. Default all.</summary>
    public IReadOnlyCollection<FaxJobState> States { get; init; } = [];

    /// <summary>Only jobs to this destination (exact). Default any.</summary>
    public string? Destination { get; init; }

    /// <summary>Only jobs from this submitter (exact). Default any.</summary>
    public string? Submitter { get; init; }

    /// <summary>Only jobs submitted at or after this time. Default any.</summary>
    public DateTimeOffset? SubmittedFrom { get; init; }

    /// <summary>Only jobs submitted before this time. Default any.</summary>
    public DateTimeOffset? SubmittedBefore { get; init; }

    /// <summary>Jobs to skip (paging). Default 0.</summary>
    public int Offset { get; init; }

    /// <summary>At most this many jobs (1–1000). Default 50.</summary>
    public int Limit { get; init; } = 50;
}
