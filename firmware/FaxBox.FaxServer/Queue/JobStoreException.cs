namespace FaxBox.FaxServer.Queue;

/// <summary>The job database cannot be used (corrupt, unreadable, a newer schema); the message names the file.</summary>
public sealed class JobStoreException : Exception
{
    public JobStoreException()
    {
    }

    public JobStoreException(string message)
        : base(message)
    {
    }

    public JobStoreException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
