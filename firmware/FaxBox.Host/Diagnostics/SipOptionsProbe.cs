using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using FaxBox.Sip.Dns;
using FaxBox.Sip.Messages;
using FaxBox.Sip.Registration;
using FaxBox.Sip.Transactions;
using FaxBox.Sip.Transport;

namespace FaxBox.Host.Diagnostics;

/// <summary>
/// One OPTIONS (RFC 3261 §11) to a SIP URI, located by RFC 3263 (NAPTR/SRV/A), tried on each target in turn until one
/// answers: the reachability check behind <c>faxbox sip options</c> and the admin site's diagnostics.
/// </summary>
internal static class SipOptionsProbe
{
    /// <summary>The response headers worth showing, in order.</summary>
    public static readonly string[] ShownHeaders = ["Server", "User-Agent", "Allow", "Supported", "Accept"];

    /// <summary>Sends OPTIONS to <paramref name="uri"/>; never throws for a peer that is absent, slow or unknown to DNS.</summary>
    public static async Task<SipOptionsAnswer> SendAsync(SipUri uri, DnsClientOptions dnsOptions, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(uri);
        ArgumentNullException.ThrowIfNull(dnsOptions);
        IReadOnlyList<SipTarget> targets;
        try
        {
            IDnsClient dnsClient = dnsOptions.Servers.Count > 0 ? new DnsClient(dnsOptions) : new NoDnsClient();
            SipTransportProtocol? transport = uri.Transport switch
            {
                "udp" => SipTransportProtocol.Udp,
                "tcp" => SipTransportProtocol.Tcp,
                "tls" => SipTransportProtocol.Tls,
                null => null,
                var other => throw new ArgumentException($"transport={other} is not supported (udp, tcp, tls are)"),
            };
            targets = await new SipServerLocator(dnsClient).LocateAsync(uri.Host, uri.Port, transport, uri.Scheme == "sips", cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is DnsException or ArgumentException)
        {
            return Failed($"cannot locate {uri.Host}: {e.Message}");
        }
        catch (OperationCanceledException)
        {
            return Failed($"cannot locate {uri.Host}: no DNS answer before the timeout");
        }

        if (targets.Count == 0)
        {
            return Failed($"DNS has no address for {uri.Host}");
        }

        var failures = new List<string>();
        foreach (var target in targets)
        {
            try
            {
                await using var transport = Bind(target);
                var layer = new SipTransactionLayer([transport], TimeProvider.System);
                layer.Start();
                var sender = new SipTransactionRequestSender(layer);
                var request = BuildOptions(uri, transport.LocalEndPoint);
                long started = Stopwatch.GetTimestamp();
                var response = await sender.SendAsync(request, target, cancellationToken).ConfigureAwait(false);
                var elapsed = Stopwatch.GetElapsedTime(started);
                var headers = ShownHeaders
                    .Select(name => (name, value: response.Headers.Get(name)))
                    .Where(h => h.value is not null)
                    .Select(h => KeyValuePair.Create(h.name, h.value!))
                    .ToList();
                return new SipOptionsAnswer(response, target.EndPoint.ToString(), elapsed, headers, null);
            }
            catch (Exception e) when (e is SipTransportException or TimeoutException or SocketException)
            {
                failures.Add($"{target.EndPoint}: {e.Message}");
            }
            catch (OperationCanceledException)
            {
                failures.Add($"{target.EndPoint}: no final response before the timeout");
                break;
            }
        }

        return Failed($"no answer from {uri}: {string.Join("; ", failures)}");
    }

    private static SipOptionsAnswer Failed(string error) => new(null, null, TimeSpan.Zero, [], error);

    /// <summary>A transport on the local address that routes to the target (so Via and Contact name a reachable address).</summary>
    private static ISipTransport Bind(SipTarget target)
    {
        IPAddress local;
        using (var probe = new Socket(target.EndPoint.Address.AddressFamily, SocketType.Dgram, ProtocolType.Udp))
        {
            probe.Connect(target.EndPoint.Address);
            local = ((IPEndPoint)probe.LocalEndPoint!).Address;
        }

        var bind = new IPEndPoint(local, 0);
        return target.EndPoint.Protocol switch
        {
            SipTransportProtocol.Udp => UdpSipTransport.Bind(bind),
            SipTransportProtocol.Tcp => SipStreamTransport.BindTcp(bind),
            _ => SipStreamTransport.BindTls(bind, new SipTlsOptions { TargetHost = target.HostName }),
        };
    }

    private static SipRequest BuildOptions(SipUri uri, SipEndPoint local)
    {
        var request = new SipRequest(SipMethods.Options, uri);
        string tag = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));
        request.Headers.Add(SipHeaderNames.MaxForwards, "70");
        request.Headers.Add(SipHeaderNames.From, $"<sip:faxbox@{local.Address}>;tag={tag}");
        request.Headers.Add(SipHeaderNames.To, $"<{uri}>");
        request.Headers.Add(SipHeaderNames.CallId, Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12)) + "@faxbox");
        request.Headers.Add(SipHeaderNames.CSeq, "1 OPTIONS");
        request.Headers.Add(SipHeaderNames.Accept, "application/sdp");
        request.Headers.Add("User-Agent", "FaxBox");
        request.SetBody(null, ReadOnlyMemory<byte>.Empty);
        return request;
    }

    private sealed class NoDnsClient : IDnsClient
    {
        public Task<DnsMessage> QueryAsync(string name, DnsRecordType type, CancellationToken cancellationToken) =>
            throw new DnsException($"no DNS server: give --dns-server or set a nameserver in /etc/resolv.conf (needed for {name})");
    }
}
