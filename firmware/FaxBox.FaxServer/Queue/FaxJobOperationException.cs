namespace FaxBox.FaxServer.Queue;

/// <summary>A job operation (cancel, retry, delete) that cannot be done; the message says why, naming the job.</summary>
public sealed class FaxJobOperationException : Exception
{
    public FaxJobOperationException()
    {
    }

    public FaxJobOperationException(string message)
        : base(message)
    {
    }

    public FaxJobOperationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Makes one with its <see cref="Error"/>.</summary>
    public FaxJobOperationException(FaxJobOperationError error, string message)
        : base(message)
    {
        Error = error;
    }

    /// <summary>Why it was refused.</summary>
    public FaxJobOperationError Error { get; }
}
