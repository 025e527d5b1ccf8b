namespace FaxBox.Sip.Dns;

/// <summary>Asks DNS one question; the seam between the SIP locator and the network.</summary>
public interface IDnsClient
{
    /// <summary>
    /// The answer to one question. NXDOMAIN and NOERROR without records are answers (empty), not errors; throws
    /// <see cref="DnsException"/> when no server gave a usable answer.
    /// </summary>
    Task<DnsMessage> QueryAsync(string name, DnsRecordType type, CancellationToken cancellationToken);
}
