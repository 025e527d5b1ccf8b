using System.Net;

namespace FaxBox.Sip.Dns;

/// <summary>An A or AAAA record.</summary>
public sealed record DnsAddressRecord(string Name, uint Ttl, IPAddress Address)
    : DnsRecord(Name, Address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? DnsRecordType.Aaaa : DnsRecordType.A, Ttl);
