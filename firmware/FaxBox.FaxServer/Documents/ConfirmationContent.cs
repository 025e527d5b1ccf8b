namespace FaxBox.FaxServer.Documents;

/// <summary>What a "sent" or "failed" confirmation page shows.</summary>
public sealed record ConfirmationContent
{
    /// <summary>The headline, e.g. "Fax sent" or "Fax not sent".</summary>
    public string Title { get; init; } = string.Empty;

    /// <summary>The job's result table, in order (e.g. "To" → "+49 30 1234567", "Result" → "sent", "Pages" → "3 of 3").</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Rows { get; init; } = [];

    /// <summary>The job's TIFF-F; its first page is shown reduced below the table. Default null: no picture.</summary>
    public string? DocumentPath { get; init; }
}
