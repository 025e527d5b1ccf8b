namespace FaxBox.FaxServer.Delivery;

/// <summary>A delivery attempt failed: the reason in words (server reply, status code), without document content.</summary>
public sealed class DeliveryException : Exception
{
    /// <summary>Creates the error.</summary>
    public DeliveryException()
    {
    }

    /// <summary>Creates the error with a reason.</summary>
    public DeliveryException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the error with a reason and a cause.</summary>
    public DeliveryException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
