namespace FaxBox.FaxServer.Documents;

/// <summary>Ghostscript could not be run or did not finish in time (a problem of the box, not of the document).</summary>
public sealed class GhostscriptException : Exception
{
    /// <summary>Creates the exception.</summary>
    public GhostscriptException()
        : base("Ghostscript failed")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public GhostscriptException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message, saying whether gs was stopped for taking too long.</summary>
    public GhostscriptException(string message, bool timedOut)
        : base(message)
    {
        TimedOut = timedOut;
    }

    /// <summary>Creates the exception with a message and inner exception.</summary>
    public GhostscriptException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>True when gs was killed for exceeding its wall-time limit.</summary>
    public bool TimedOut { get; }
}
