namespace FaxBox.FaxServer.Documents;

/// <summary>What the cover page of a send job says. Empty fields are left out.</summary>
public sealed record CoverPageContent
{
    /// <summary>The recipient's name.</summary>
    public string To { get; init; } = string.Empty;

    /// <summary>The recipient's fax number.</summary>
    public string ToNumber { get; init; } = string.Empty;

    /// <summary>The sender's name.</summary>
    public string From { get; init; } = string.Empty;

    /// <summary>The sender's fax number.</summary>
    public string FromNumber { get; init; } = string.Empty;

    /// <summary>When the job was submitted (printed in its own offset).</summary>
    public DateTimeOffset Date { get; init; }

    /// <summary>Pages of the document without the cover page (the cover shows this + 1, "including this page").</summary>
    public int Pages { get; init; }

    /// <summary>One-line subject.</summary>
    public string Subject { get; init; } = string.Empty;

    /// <summary>Free text, word-wrapped; line breaks start new paragraphs. What does not fit on the page is cut.</summary>
    public string Note { get; init; } = string.Empty;
}
