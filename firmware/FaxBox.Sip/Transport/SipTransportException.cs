namespace FaxBox.Sip.Transport;

/// <summary>A message could not be sent or a connection failed; the message says to whom and why.</summary>
public sealed class SipTransportException : Exception
{
    public SipTransportException()
    {
    }

    public SipTransportException(string message)
        : base(message)
    {
    }

    public SipTransportException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
