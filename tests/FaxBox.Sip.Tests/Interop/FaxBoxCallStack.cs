using System.Net;
using FaxBox.Sip.Calls;
using FaxBox.Sip.Dns;
using FaxBox.Sip.Sdp;
using FaxBox.Sip.Transactions;
using FaxBox.Sip.Transport;

namespace FaxBox.Sip.Tests.Interop;

/// <summary>
/// FaxBox's call stack on a real UDP socket on 127.0.0.1 (port 0), real clock, T1 = 100 ms so 64·T1 is 6.4 s (other
/// timers on request: the sipp load bench, tools/bench/sip-load, runs with RFC 3261's defaults).
/// </summary>
internal sealed class FaxBoxCallStack : IAsyncDisposable
{
    private FaxBoxCallStack(UdpSipTransport transport, SipTransactionLayer layer, SipUserAgent ua)
    {
        Transport = transport;
        Layer = layer;
        Ua = ua;
    }

    public static SipTimerOptions ShortTimers { get; } = new() { T1 = TimeSpan.FromMilliseconds(100), T4 = TimeSpan.FromSeconds(1) };

    public UdpSipTransport Transport { get; }

    public SipTransactionLayer Layer { get; }

    public SipUserAgent Ua { get; }

    public SdpNegotiator Negotiator { get; } = new(new SdpMediaOptions { Address = IPAddress.Loopback, AudioPort = 40_000, ImagePort = 40_002 }, 77);

    public int Port => Transport.LocalEndPoint.Address.Port;

    public static FaxBoxCallStack Start(SipUserAgentOptions? options = null, SipTimerOptions? timers = null)
    {
        var transport = UdpSipTransport.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        var layer = new SipTransactionLayer([transport], TimeProvider.System, timers ?? ShortTimers);
        var ua = new SipUserAgent(layer, new SipServerLocator(new NoDns()), options);
        layer.Start();
        return new FaxBoxCallStack(transport, layer, ua);
    }

    public async ValueTask DisposeAsync()
    {
        await Ua.DisposeAsync();
        await Transport.DisposeAsync();
    }

    /// <summary>Every URI in these tests has an IP address: DNS is never asked.</summary>
    private sealed class NoDns : IDnsClient
    {
        public Task<DnsMessage> QueryAsync(string name, DnsRecordType type, CancellationToken cancellationToken) =>
            throw new InvalidOperationException($"unexpected DNS query {type} {name}");
    }
}
