using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using FaxBox.CallControl;
using FaxBox.CallControl.Bridging;
using FaxBox.CallControl.Configuration;
using FaxBox.Core.Status;
using FaxBox.Fax.SpanDsp;
using FaxBox.LineInterface;
using FaxBox.Media.Scheduling;
using FaxBox.Sip.Dns;
using Microsoft.Extensions.Logging;

namespace FaxBox.Host.Cli;

/// <summary>
/// The box that <c>faxbox fax call</c> and <c>faxbox fax answer</c> run: a gateway with one SIP account on the
/// <c>--listen</c> address, no line ports, the native fax engine and the real-time media scheduler. Progress lines are
/// queued from the status feed (any thread) and written by <see cref="Flush"/> on the caller's thread.
/// </summary>
internal sealed class TerminalCliBox : IAsyncDisposable
{
    private readonly RealTimeMediaClock _clock;
    private readonly IDisposable _ticking;
    private readonly ConcurrentQueue<string> _lines = new();

    private TerminalCliBox(Gateway gateway, RealTimeMediaClock clock, IDisposable ticking)
    {
        Gateway = gateway;
        _clock = clock;
        _ticking = ticking;
        gateway.Status.Changed += (_, change) => OnStatus(change);
    }

    public Gateway Gateway { get; }

    /// <summary>Parses ADDR:PORT for <c>--listen</c>; the address must be one the far end can reach (not 0.0.0.0).</summary>
    public static bool TryParseListen(string text, out IPEndPoint endPoint, out string error)
    {
        error = string.Empty;
        if (!IPEndPoint.TryParse(text, out endPoint!) || endPoint.Address.Equals(IPAddress.Any) || endPoint.Address.Equals(IPAddress.IPv6Any))
        {
            error = $"--listen '{text}' must be ADDR:PORT with the address the far end reaches this host on (SDP carries it), for example 192.0.2.10:5062";
            endPoint = new IPEndPoint(IPAddress.Loopback, 0);
            return false;
        }

        return true;
    }

    /// <summary>Binds the SIP socket and media, starts the clock; throws <see cref="GatewayConfigurationException"/> when the address cannot be bound.</summary>
    public static TerminalCliBox Start(IPEndPoint listen, TerminalOptions terminal, ILoggerFactory loggers)
    {
        var options = new GatewayOptions
        {
            Name = "faxbox-cli",
            Accounts = [new SipAccountSettings { Name = "cli", Username = "faxbox", ListenAddress = listen.Address, Port = listen.Port }],
            Terminal = terminal,
        };
        options.Media.Address = listen.Address;
        var engine = EngineFactory.Create("native", loggers);
        var dnsOptions = new DnsClientOptions();
        foreach (var server in SipOptionsCommand.ResolvConfServers())
        {
            dnsOptions.Servers.Add(server);
        }

        var gateway = Gateway.Create(options, new Dictionary<int, ILinePort>(), new CallMediaFactory(options.Media, engine, loggers), new DnsClient(dnsOptions, loggers.CreateLogger<DnsClient>()), null, loggers);
        var clock = new RealTimeMediaClock();
        var ticking = clock.Register(gateway);
        gateway.Start();
        clock.Start();
        return new TerminalCliBox(gateway, clock, ticking);
    }

    /// <summary>Writes the progress lines queued so far.</summary>
    public void Flush(TextWriter output)
    {
        while (_lines.TryDequeue(out var line))
        {
            output.WriteLine(line);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Gateway.StopAsync(TimeSpan.FromSeconds(2)).ConfigureAwait(false);
        _ticking.Dispose();
        _clock.Dispose();
        await Gateway.DisposeAsync().ConfigureAwait(false);
    }

    private void OnStatus(StatusChange change)
    {
        var now = DateTime.Now.ToString("HH:mm:ss", CultureInfo.InvariantCulture);
        switch (change.Kind)
        {
            case StatusChangeKind.FaxProgress when change.Progress is { } p:
                _lines.Enqueue(p.Phase switch
                {
                    "B" => $"{now} negotiated: {p.BitRate} bit/s, ECM {(p.Ecm ? "on" : "off")}",
                    "D" => $"{now} page {p.Pages} done",
                    _ => $"{now} fax session ended after {p.Pages} page(s)",
                });
                break;
            case StatusChangeKind.Call when change.Snapshot.Calls.FirstOrDefault(c => c.CallId == change.Key) is { } call:
                _lines.Enqueue($"{now} call {call.Direction} {call.RemoteNumber}: {Describe(call.Media)}");
                break;
        }
    }

    private static string Describe(CallMediaMode mode) => mode switch
    {
        CallMediaMode.T38 => "T.38",
        CallMediaMode.G711Fax => "G.711 (fax)",
        CallMediaMode.None => "setting up",
        _ => mode.ToString(),
    };
}
