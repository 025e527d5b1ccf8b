namespace FaxBox.Media.Udptl;

/// <summary>Thrown by the throwing decode helpers when a UDPTL datagram is malformed; the message names the error and its octet.</summary>
public sealed class UdptlFormatException : FormatException
{
    public UdptlFormatException()
    {
    }

    public UdptlFormatException(string message)
        : base(message)
    {
    }

    public UdptlFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for <paramref name="error"/>.</summary>
    public UdptlFormatException(UdptlDecodeError error)
        : base(error.ToString()) => Error = error;

    /// <summary>The decode error.</summary>
    public UdptlDecodeError Error { get; }
}
