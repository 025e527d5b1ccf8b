namespace FaxBox.Fax;

/// <summary>A fax engine cannot run here: its native library is missing or of the wrong version. The message says what to install.</summary>
public sealed class FaxEngineUnavailableException : Exception
{
    public FaxEngineUnavailableException()
    {
    }

    public FaxEngineUnavailableException(string message)
        : base(message)
    {
    }

    public FaxEngineUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
