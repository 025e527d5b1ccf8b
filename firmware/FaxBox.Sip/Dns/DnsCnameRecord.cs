namespace FaxBox.Sip.Dns;

/// <summary>A CNAME record: <see cref="DnsRecord.Name"/> is an alias of <see cref="Target"/>.</summary>
public sealed record DnsCnameRecord(string Name, uint Ttl, string Target) : DnsRecord(Name, DnsRecordType.Cname, Ttl);
