namespace FaxBox.Fax;

/// <summary>Whether a fax terminal sends or receives the document.</summary>
public enum FaxDirection
{
    /// <summary>The terminal transmits a document.</summary>
    Send,

    /// <summary>The terminal receives a document.</summary>
    Receive,
}
