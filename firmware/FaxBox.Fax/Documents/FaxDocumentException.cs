namespace FaxBox.Fax.Documents;

/// <summary>
/// A fax document could not be read, written or converted. The message is one line of the form
/// <c>&lt;file&gt;: &lt;reason&gt;</c>.
/// </summary>
public sealed class FaxDocumentException : Exception
{
    /// <summary>Creates an exception with a message of the form <c>&lt;file&gt;: &lt;reason&gt;</c>.</summary>
    /// <param name="path">The file the problem is about.</param>
    /// <param name="reason">What went wrong; line breaks are replaced by spaces.</param>
    /// <param name="innerException">The underlying exception, if any.</param>
    public FaxDocumentException(string path, string reason, Exception? innerException = null)
        : base(FormatMessage(path, reason), innerException)
    {
        Path = path;
        Reason = OneLine(reason);
    }

    /// <summary>Creates an exception with a free-form message (for serialisers and tooling).</summary>
    public FaxDocumentException()
        : this(string.Empty, "fax document error")
    {
    }

    /// <summary>Creates an exception with a free-form message.</summary>
    public FaxDocumentException(string message)
        : base(OneLine(message))
    {
        Path = string.Empty;
        Reason = OneLine(message);
    }

    /// <summary>Creates an exception with a free-form message and inner exception.</summary>
    public FaxDocumentException(string message, Exception innerException)
        : base(OneLine(message), innerException)
    {
        Path = string.Empty;
        Reason = OneLine(message);
    }

    /// <summary>The file the problem is about (may be empty).</summary>
    public string Path { get; }

    /// <summary>The reason without the file name.</summary>
    public string Reason { get; }

    private static string FormatMessage(string path, string reason) =>
        string.IsNullOrEmpty(path) ? OneLine(reason) : $"{path}: {OneLine(reason)}";

    private static string OneLine(string text) =>
        text.ReplaceLineEndings(" ").Trim();
}
