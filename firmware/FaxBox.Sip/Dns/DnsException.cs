namespace FaxBox.Sip.Dns;

/// <summary>A DNS query got no usable answer from any server (timeouts, SERVFAIL, malformed answers); the message says which.</summary>
public sealed class DnsException : Exception
{
    public DnsException()
    {
    }

    public DnsException(string message)
        : base(message)
    {
    }

    public DnsException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
