using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using FaxBox.Host.Diagnostics;
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
        var answer = await SipOptionsProbe.SendAsync(uri, dnsOptions, cancellationToken).ConfigureAwait(false);
        if (answer.Response is not { } response)
        {
            return GlobalOptions.Fail(parse, $"sip options: {answer.Error}");
        }

        output.WriteLine($"SIP/2.0 {response.StatusCode} {response.ReasonPhrase}");
        output.WriteLine($"  from {answer.RespondedFrom} in {answer.RoundTrip.TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture)} ms");
        foreach (var (name, value) in answer.Headers)
        {
            output.WriteLine($"  {name}: {value}");
        }

        return 0;
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
}
