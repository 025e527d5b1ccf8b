using System.Net;
using FaxBox.Sip.Transport;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace FaxBox.Sip.Dns;

/// <summary>
/// Locating SIP servers (RFC 3263 §4): from a URI's host, port, transport parameter and scheme to an ordered list of
/// targets to try one after another. A numeric host or an explicit port skips SRV; an explicit transport skips NAPTR;
/// otherwise NAPTR, then SRV per supported transport, then A/AAAA on the default port.
/// </summary>
public sealed partial class SipServerLocator
{
    /// <summary>The default SIP port (RFC 3261 §19.1.2).</summary>
    public const int SipPort = 5060;

    /// <summary>The default SIPS port (RFC 3261 §19.1.2).</summary>
    public const int SipsPort = 5061;

    private readonly IDnsClient _dns;
    private readonly SipLocatorOptions _options;
    private readonly Random _random;
    private readonly ILogger _logger;

    public SipServerLocator(IDnsClient dns, SipLocatorOptions? options = null, Random? random = null, ILogger<SipServerLocator>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(dns);
        _dns = dns;
        _options = options ?? new SipLocatorOptions();
        _random = random ?? Random.Shared;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
    }

    /// <summary>
    /// The targets for a URI host, in the order to try them (empty when DNS knows none). <paramref name="secure"/> is
    /// true for a sips: URI (then only TLS is used). Throws <see cref="DnsException"/> when the address lookup itself fails.
    /// </summary>
    public async Task<IReadOnlyList<SipTarget>> LocateAsync(string host, int? port, SipTransportProtocol? transport, bool secure, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(host);
        string bare = host.Trim('[', ']');
        if (secure && transport is SipTransportProtocol.Udp)
        {
            throw new ArgumentException($"a sips: URI cannot use transport=udp (RFC 3261 §26.2.2): {host}", nameof(transport));
        }

        // RFC 3263 §4.1: a numeric IP address or an explicit port decides the transport without NAPTR/SRV.
        if (IPAddress.TryParse(bare, out var literal))
        {
            var chosen = transport ?? (secure ? SipTransportProtocol.Tls : SipTransportProtocol.Udp);
            return [new SipTarget(new SipEndPoint(chosen, new IPEndPoint(literal, port ?? DefaultPort(chosen))), bare)];
        }

        if (port is not null)
        {
            var chosen = transport ?? (secure ? SipTransportProtocol.Tls : SipTransportProtocol.Udp);
            return await AddressTargetsAsync(bare, port.Value, chosen, bare, cancellationToken).ConfigureAwait(false);
        }

        var services = new List<(SipTransportProtocol Transport, string SrvName)>();
        if (transport is not null)
        {
            services.Add((transport.Value, SrvName(transport.Value, bare)));
        }
        else
        {
            if (_options.UseNaptr)
            {
                services.AddRange(await NaptrServicesAsync(bare, secure, cancellationToken).ConfigureAwait(false));
            }

            if (services.Count == 0)
            {
                services.AddRange(_options.Transports
                    .Where(t => !secure || t == SipTransportProtocol.Tls)
                    .Select(t => (t, SrvName(t, bare))));
            }
        }

        // RFC 3263 §4.2: SRV for each service in turn; the first that has records is used.
        foreach (var (serviceTransport, srvName) in services)
        {
            var records = await SafeQueryAsync(srvName, DnsRecordType.Srv, cancellationToken).ConfigureAwait(false);
            var srv = SrvOrdering.Order(records.Answers.OfType<DnsSrvRecord>(), _random);
            if (srv.Count == 0)
            {
                continue;
            }

            var targets = new List<SipTarget>();
            foreach (var record in srv)
            {
                var glue = records.Additional.OfType<DnsAddressRecord>().Where(a => NameEquals(a.Name, record.Target)).ToList();
                var found = glue.Count > 0
                    ? glue.OrderBy(a => a.Type).Select(a => new SipTarget(new SipEndPoint(serviceTransport, new IPEndPoint(a.Address, record.Port)), bare)).ToList()
                    : await AddressTargetsAsync(record.Target, record.Port, serviceTransport, bare, cancellationToken).ConfigureAwait(false);
                targets.AddRange(found);
            }

            LogLocated(_logger, host, targets.Count, srvName);
            return targets;
        }

        // RFC 3263 §4.2: no SRV records: A/AAAA of the host on the transport's default port.
        var fallback = transport ?? (secure ? SipTransportProtocol.Tls : _options.Transports.FirstOrDefault(SipTransportProtocol.Udp));
        return await AddressTargetsAsync(bare, DefaultPort(fallback), fallback, bare, cancellationToken).ConfigureAwait(false);
    }

    private static int DefaultPort(SipTransportProtocol transport) => transport == SipTransportProtocol.Tls ? SipsPort : SipPort;

    private static string SrvName(SipTransportProtocol transport, string host) => transport switch
    {
        SipTransportProtocol.Udp => $"_sip._udp.{host}",
        SipTransportProtocol.Tcp => $"_sip._tcp.{host}",
        _ => $"_sips._tcp.{host}",
    };

    private static bool NameEquals(string a, string b) => string.Equals(a.TrimEnd('.'), b.TrimEnd('.'), StringComparison.OrdinalIgnoreCase);

    /// <summary>RFC 3263 §4.1: NAPTR records with flag "s" and a service the box supports, by order then preference.</summary>
    private async Task<List<(SipTransportProtocol, string)>> NaptrServicesAsync(string host, bool secure, CancellationToken cancellationToken)
    {
        var answer = await SafeQueryAsync(host, DnsRecordType.Naptr, cancellationToken).ConfigureAwait(false);
        var result = new List<(SipTransportProtocol, string)>();
        foreach (var naptr in answer.Answers.OfType<DnsNaptrRecord>().OrderBy(n => n.Order).ThenBy(n => n.Preference))
        {
            if (!string.Equals(naptr.Flags, "s", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            SipTransportProtocol? service = naptr.Services.ToUpperInvariant() switch
            {
                "SIP+D2U" when !secure => SipTransportProtocol.Udp,
                "SIP+D2T" when !secure => SipTransportProtocol.Tcp,
                "SIPS+D2T" => SipTransportProtocol.Tls,
                _ => null,
            };
            if (service is not null && _options.Transports.Contains(service.Value))
            {
                result.Add((service.Value, naptr.Replacement.TrimEnd('.')));
            }
        }

        return result;
    }

    private async Task<List<SipTarget>> AddressTargetsAsync(string name, int port, SipTransportProtocol transport, string hostName, CancellationToken cancellationToken)
    {
        var addresses = new List<IPAddress>();
        var a = await _dns.QueryAsync(name, DnsRecordType.A, cancellationToken).ConfigureAwait(false);
        addresses.AddRange(a.Answers.OfType<DnsAddressRecord>().Where(r => r.Type == DnsRecordType.A).Select(r => r.Address));
        if (_options.UseIpv6)
        {
            var aaaa = await SafeQueryAsync(name, DnsRecordType.Aaaa, cancellationToken).ConfigureAwait(false);
            addresses.AddRange(aaaa.Answers.OfType<DnsAddressRecord>().Where(r => r.Type == DnsRecordType.Aaaa).Select(r => r.Address));
        }

        return addresses.Distinct().Select(ip => new SipTarget(new SipEndPoint(transport, new IPEndPoint(ip, port)), hostName)).ToList();
    }

    /// <summary>A NAPTR/SRV/AAAA lookup whose failure only means "none": the next step of RFC 3263 still applies.</summary>
    private async Task<DnsMessage> SafeQueryAsync(string name, DnsRecordType type, CancellationToken cancellationToken)
    {
        try
        {
            return await _dns.QueryAsync(name, type, cancellationToken).ConfigureAwait(false);
        }
        catch (DnsException e)
        {
            LogLookupFailed(_logger, type, name, e.Message);
            return new DnsMessage(0, true, false, DnsResponseCode.ServFail, name, type, [], []);
        }
    }
}
