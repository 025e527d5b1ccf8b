namespace FaxBox.Sip.Dns;

/// <summary>An SRV record (RFC 2782): lower priority first, weight shares load within a priority.</summary>
public sealed record DnsSrvRecord(string Name, uint Ttl, ushort Priority, ushort Weight, ushort Port, string Target)
    : DnsRecord(Name, DnsRecordType.Srv, Ttl);
