using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using FaxBox.Sip.Dns;
using FaxBox.Sip.Messages;
using FaxBox.Sip.Registration;
using FaxBox.Sip.Transactions;
using FaxBox.Sip.Transport;

namespace FaxBox.Host.Cli;

/// <summary>
/// <c>faxbox sip options URI</c>: sends one OPTIONS (RFC 3261 §11) to the URI, located by RFC 3263, and prints the answer:
/// the reachability check IT people expect. Exit 0 when a final response came back (whatever its code), 1 otherwise.
/// </summary>
internal static class SipOptionsCommand
{
    public static Command Create()
    {
        var uri = new Argument<string>("uri") { Description = "Where to send OPTIONS, e.g. sip:pbx.example.com, sip:192.0.2.10:5060;transport=tcp" };
        var timeout = new Option<double>("--timeout")
        {
            Description = "Seconds to wait for the final response (default 5).",
            DefaultValueFactory = _ => 5,
        };
        var dns = new Option<string[]>("--dns-server")
        {
            Description = "DNS server IP[:port] for the RFC 3263 lookups; repeatable. Default: the nameservers of /etc/resolv.conf.",
            AllowMultipleArgumentsPerToken = true,
        };
        var command = new Command(
            "options",
            "Send OPTIONS to a SIP URI (NAPTR/SRV/A per RFC 3263, then the first target that answers) and print the status line, "
            + "the answering address, the round-trip time and the peer's Allow/Supported/Server headers. Exit 0 when it answered.")
        {
            uri,
            timeout,
            dns,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            string text = parse.GetValue(uri)!;
            if (!SipUri.TryParse(text, out var target, out string? error) || !target.IsSip)
            {
                return GlobalOptions.Fail(parse, $"sip options: '{text}' is not a sip: or sips: URI ({error ?? "other scheme"})");
            }

            double seconds = parse.GetValue(timeout);
            if (seconds is <= 0 or > 300)
            {
                return GlobalOptions.Fail(parse, $"sip options: --timeout must be 0..300 seconds, not {seconds.ToString(CultureInfo.InvariantCulture)}");
            }

            var dnsOptions = new DnsClientOptions();
            foreach (string server in parse.GetValue(dns) ?? [])
            {
                if (!IPEndPoint.TryParse(server, out var endPoint))
                {
                    return GlobalOptions.Fail(parse, $"sip options: --dns-server '{server}' is not IP[:port]");
                }

                dnsOptions.Servers.Add(endPoint.Port == 0 ? new IPEndPoint(endPoint.Address, 53) : endPoint);
            }

            if (dnsOptions.Servers.Count == 0)
            {
                foreach (var server in ResolvConfServers())
                {
                    dnsOptions.Servers.Add(server);
                }
            }

            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            deadline.CancelAfter(TimeSpan.FromSeconds(seconds));
            return await RunAsync(parse, target, dnsOptions, deadline.Token).ConfigureAwait(false);
        });
        return command;
    }

    private static async Task<int> RunAsync(ParseResult parse, SipUri uri, DnsClientOptions dnsOptions, CancellationToken cancellationToken)
    {
        var output = parse.InvocationConfiguration.Output;
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
            return GlobalOptions.Fail(parse, $"sip options: cannot locate {uri.Host}: {e.Message}");
        }

        if (targets.Count == 0)
        {
            return GlobalOptions.Fail(parse, $"sip options: DNS has no address for {uri.Host}");
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
                output.WriteLine($"SIP/2.0 {response.StatusCode} {response.ReasonPhrase}");
                output.WriteLine($"  from {target.EndPoint} in {elapsed.TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture)} ms");
                foreach (string name in new[] { "Server", "User-Agent", "Allow", "Supported", "Accept" })
                {
                    if (response.Headers.Get(name) is { } value)
                    {
                        output.WriteLine($"  {name}: {value}");
                    }
                }

                return 0;
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

        return GlobalOptions.Fail(parse, $"sip options: no answer from {uri}: {string.Join("; ", failures)}");
    }

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

    internal static IEnumerable<IPEndPoint> ResolvConfServers()
    {
        const string path = "/etc/resolv.conf";
        if (!File.Exists(path))
        {
            yield break;
        }

        foreach (string line in File.ReadLines(path))
        {
            var parts = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length >= 2 && parts[0] == "nameserver" && IPAddress.TryParse(parts[1], out var address))
            {
                yield return new IPEndPoint(address, 53);
            }
        }
    }

    private sealed class NoDnsClient : IDnsClient
    {
        public Task<DnsMessage> QueryAsync(string name, DnsRecordType type, CancellationToken cancellationToken) =>
            throw new DnsException($"no DNS server: give --dns-server or set a nameserver in /etc/resolv.conf (needed for {name})");
    }
}
