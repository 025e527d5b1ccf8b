namespace FaxBox.Sip.Dns;

/// <summary>One resource record of an answer or additional section (RFC 1035 §4.1.3).</summary>
public abstract record DnsRecord(string Name, DnsRecordType Type, uint Ttl);
