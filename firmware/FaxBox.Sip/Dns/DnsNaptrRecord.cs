namespace FaxBox.Sip.Dns;

/// <summary>A NAPTR record (RFC 3403 §4.1) as SIP uses it (RFC 3263 §4.1): flags "s" and a replacement SRV name.</summary>
public sealed record DnsNaptrRecord(string Name, uint Ttl, ushort Order, ushort Preference, string Flags, string Services, string Regexp, string Replacement)
    : DnsRecord(Name, DnsRecordType.Naptr, Ttl);
