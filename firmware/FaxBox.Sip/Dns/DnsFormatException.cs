namespace FaxBox.Sip.Dns;

/// <summary>A DNS message is malformed; the message says what and at which byte offset.</summary>
public sealed class DnsFormatException : Exception
{
    public DnsFormatException()
    {
    }

    public DnsFormatException(string message)
        : base(message)
    {
    }

    public DnsFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
