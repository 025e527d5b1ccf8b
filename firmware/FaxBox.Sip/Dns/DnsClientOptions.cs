using System.Net;

namespace FaxBox.Sip.Dns;

/// <summary>The resolver client's servers and limits, bound from <c>FaxBox:Sip:Dns</c>.</summary>
public sealed class DnsClientOptions
{
    /// <summary>
    /// The recursive DNS servers to ask, in order (the next one after a timeout or SERVFAIL). Default empty: the host
    /// reads them from /etc/resolv.conf; the client itself never asks anyone it was not given.
    /// </summary>
    public IList<IPEndPoint> Servers { get; } = [];

    /// <summary>How long to wait for one answer over UDP or TCP. Default 2 s.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How many rounds over all servers before giving up. Default 2.</summary>
    public int Attempts { get; set; } = 2;

    /// <summary>Largest response accepted over TCP, in bytes (UDP answers are at most 512 without EDNS). Default 16,384.</summary>
    public int MaxResponseSize { get; set; } = 16_384;
}
