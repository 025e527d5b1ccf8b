namespace FaxBox.FaxServer.Documents;

/// <summary>
/// A submitted file cannot be faxed. The message is one line, <c>&lt;file name&gt;: &lt;reason&gt;</c>, written for the
/// person who submitted it (e.g. "invoice.pdf: is password-protected; remove the password and submit it again"). It
/// names the file but never quotes its content, so it can be logged and shown anywhere.
/// </summary>
public sealed class DocumentRejectedException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="fileName">The file's name as the submitter knows it (no folder).</param>
    /// <param name="reason">Why it was rejected, starting with a verb ("is password-protected").</param>
    /// <param name="innerException">The underlying error, if any.</param>
    public DocumentRejectedException(string fileName, string reason, Exception? innerException = null)
        : base($"{fileName}: {reason}".ReplaceLineEndings(" "), innerException)
    {
        FileName = fileName;
        Reason = reason.ReplaceLineEndings(" ");
    }

    /// <summary>Creates an exception with a free-form message.</summary>
    public DocumentRejectedException()
        : this("document", "was rejected")
    {
    }

    /// <summary>Creates an exception with a free-form message.</summary>
    public DocumentRejectedException(string message)
        : base(message)
    {
        FileName = string.Empty;
        Reason = message;
    }

    /// <summary>Creates an exception with a free-form message and inner exception.</summary>
    public DocumentRejectedException(string message, Exception innerException)
        : base(message, innerException)
    {
        FileName = string.Empty;
        Reason = message;
    }

    /// <summary>The rejected file's name (may be empty for a job-level reason).</summary>
    public string FileName { get; }

    /// <summary>The reason without the file name.</summary>
    public string Reason { get; }
}
