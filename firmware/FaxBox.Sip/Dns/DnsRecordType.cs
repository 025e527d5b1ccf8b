namespace FaxBox.Sip.Dns;

/// <summary>The resource record types the SIP locator uses (RFC 1035 §3.2.2, RFC 3596, RFC 2782, RFC 3403).</summary>
public enum DnsRecordType : ushort
{
    /// <summary>IPv4 address, RFC 1035 §3.4.1.</summary>
    A = 1,

    /// <summary>Canonical name, RFC 1035 §3.3.1.</summary>
    Cname = 5,

    /// <summary>IPv6 address, RFC 3596 §2.1.</summary>
    Aaaa = 28,

    /// <summary>Service location, RFC 2782.</summary>
    Srv = 33,

    /// <summary>Naming authority pointer, RFC 3403 §4.</summary>
    Naptr = 35,
}
