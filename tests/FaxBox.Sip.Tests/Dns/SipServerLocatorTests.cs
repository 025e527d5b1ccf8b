using System.Net;
using FaxBox.Sip.Dns;
using FaxBox.Sip.Tests.Transport;
using FaxBox.Sip.Transport;

namespace FaxBox.Sip.Tests.Dns;

public sealed class SipServerLocatorTests
{
    private static SipEndPoint Ep(SipTransportProtocol p, string ip, int port) => new(p, new IPEndPoint(IPAddress.Parse(ip), port));

    [Fact]
    public async Task Numeric_host_needs_no_dns()
    {
        await using var server = TestDnsServer.Start();
        var locator = new SipServerLocator(server.Client());
        var targets = await locator.LocateAsync("192.0.2.1", null, null, secure: false, CancellationToken.None);
        Assert.Equal(Ep(SipTransportProtocol.Udp, "192.0.2.1", 5060), Assert.Single(targets).EndPoint);
        var v6 = await locator.LocateAsync("[2001:db8::1]", 5070, SipTransportProtocol.Tcp, secure: false, CancellationToken.None);
        Assert.Equal(Ep(SipTransportProtocol.Tcp, "2001:db8::1", 5070), Assert.Single(v6).EndPoint);
        var sips = await locator.LocateAsync("192.0.2.1", null, null, secure: true, CancellationToken.None);
        Assert.Equal(Ep(SipTransportProtocol.Tls, "192.0.2.1", 5061), Assert.Single(sips).EndPoint);
        Assert.Empty(server.Queries);
    }

    [Fact]
    public async Task Explicit_port_uses_address_records_only()
    {
        await using var server = TestDnsServer.Start();
        server.Zone.Add(new DnsAddressRecord("pbx.test", 60, IPAddress.Parse("192.0.2.2")));
        server.Zone.Add(new DnsAddressRecord("pbx.test", 60, IPAddress.Parse("2001:db8::2")));
        var targets = await new SipServerLocator(server.Client()).LocateAsync("pbx.test", 5080, null, false, CancellationToken.None);
        Assert.Equal([Ep(SipTransportProtocol.Udp, "192.0.2.2", 5080), Ep(SipTransportProtocol.Udp, "2001:db8::2", 5080)], targets.Select(t => t.EndPoint));
        Assert.DoesNotContain(server.Queries, q => q.Type is DnsRecordType.Srv or DnsRecordType.Naptr);
    }

    [Fact]
    public async Task Naptr_then_srv_then_glue()
    {
        await using var server = TestDnsServer.Start();
        server.Zone.Add(new DnsNaptrRecord("provider.test", 60, 10, 10, "s", "SIP+D2T", "", "_sip._tcp.provider.test"));
        server.Zone.Add(new DnsNaptrRecord("provider.test", 60, 20, 10, "s", "SIP+D2U", "", "_sip._udp.provider.test"));
        server.Zone.Add(new DnsNaptrRecord("provider.test", 60, 5, 10, "s", "SIP+D2X", "", "_sip._sctp.provider.test"));
        server.Zone.Add(new DnsSrvRecord("_sip._tcp.provider.test", 60, 10, 0, 5062, "sbc1.provider.test"));
        server.Zone.Add(new DnsSrvRecord("_sip._udp.provider.test", 60, 10, 0, 5060, "sbc1.provider.test"));
        server.Zone.Add(new DnsAddressRecord("sbc1.provider.test", 60, IPAddress.Parse("192.0.2.20")));

        var targets = await new SipServerLocator(server.Client()).LocateAsync("provider.test", null, null, false, CancellationToken.None);
        var target = Assert.Single(targets);
        Assert.Equal(Ep(SipTransportProtocol.Tcp, "192.0.2.20", 5062), target.EndPoint);
        Assert.Equal("provider.test", target.HostName);
        Assert.DoesNotContain(server.Queries, q => q.Name.Contains("_sctp", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Without_naptr_srv_is_tried_per_transport_in_preference_order()
    {
        await using var server = TestDnsServer.Start();
        server.Glue = false;
        server.Zone.Add(new DnsSrvRecord("_sip._tcp.pbx.test", 60, 0, 0, 5070, "tcp.pbx.test"));
        server.Zone.Add(new DnsAddressRecord("tcp.pbx.test", 60, IPAddress.Parse("192.0.2.30")));
        var targets = await new SipServerLocator(server.Client()).LocateAsync("pbx.test", null, null, false, CancellationToken.None);
        Assert.Equal(Ep(SipTransportProtocol.Tcp, "192.0.2.30", 5070), Assert.Single(targets).EndPoint);
        Assert.Equal(
            ["pbx.test/Naptr", "_sip._udp.pbx.test/Srv", "_sip._tcp.pbx.test/Srv", "tcp.pbx.test/A", "tcp.pbx.test/Aaaa"],
            server.Queries.Select(q => $"{q.Name}/{q.Type}"));
    }

    [Fact]
    public async Task Without_srv_the_host_address_on_the_default_port()
    {
        await using var server = TestDnsServer.Start();
        server.Zone.Add(new DnsAddressRecord("plain.test", 60, IPAddress.Parse("192.0.2.40")));
        var udp = await new SipServerLocator(server.Client()).LocateAsync("plain.test", null, null, false, CancellationToken.None);
        Assert.Equal(Ep(SipTransportProtocol.Udp, "192.0.2.40", 5060), Assert.Single(udp).EndPoint);
        var tls = await new SipServerLocator(server.Client()).LocateAsync("plain.test", null, null, true, CancellationToken.None);
        Assert.Equal(Ep(SipTransportProtocol.Tls, "192.0.2.40", 5061), Assert.Single(tls).EndPoint);
        Assert.Contains(server.Queries, q => q.Name == "_sips._tcp.plain.test");
        Assert.DoesNotContain(server.Queries, q => q.Name == "_sip._udp.plain.test" && server.Queries.Count(x => x.Name == q.Name) > 1);
    }

    [Fact]
    public async Task Srv_priority_orders_targets_for_failover()
    {
        await using var server = TestDnsServer.Start();
        server.Zone.Add(new DnsSrvRecord("_sip._udp.ha.test", 60, 20, 0, 5060, "backup.ha.test"));
        server.Zone.Add(new DnsSrvRecord("_sip._udp.ha.test", 60, 10, 0, 5060, "primary.ha.test"));
        server.Zone.Add(new DnsAddressRecord("primary.ha.test", 60, IPAddress.Parse("192.0.2.1")));
        server.Zone.Add(new DnsAddressRecord("backup.ha.test", 60, IPAddress.Parse("192.0.2.2")));
        var targets = await new SipServerLocator(server.Client()).LocateAsync("ha.test", null, SipTransportProtocol.Udp, false, CancellationToken.None);
        Assert.Equal(["192.0.2.1", "192.0.2.2"], targets.Select(t => t.EndPoint.Address.Address.ToString()));
    }

    [Fact]
    public void Srv_weights_share_first_picks_in_proportion()
    {
        var records = new[]
        {
            new DnsSrvRecord("s", 60, 1, 90, 5060, "heavy"),
            new DnsSrvRecord("s", 60, 1, 10, 5060, "light"),
            new DnsSrvRecord("s", 60, 1, 0, 5060, "zero"),
            new DnsSrvRecord("s", 60, 2, 100, 5060, "later"),
            new DnsSrvRecord("s", 60, 0, 0, 5060, "."),
        };
        var random = new Random(2782);
        var firsts = new Dictionary<string, int>();
        for (int i = 0; i < 10_000; i++)
        {
            var ordered = SrvOrdering.Order(records, random);
            Assert.Equal(4, ordered.Count);
            Assert.Equal("later", ordered[3].Target);
            firsts[ordered[0].Target] = firsts.GetValueOrDefault(ordered[0].Target) + 1;
        }

        Assert.InRange(firsts["heavy"], 8500, 9300);
        Assert.InRange(firsts["light"], 700, 1300);
        Assert.InRange(firsts.GetValueOrDefault("zero"), 0, 300);
    }

    [Fact]
    public async Task Failover_moves_to_the_next_target_when_the_first_refuses()
    {
        await using var server = TestDnsServer.Start();
        await using var live = SipStreamTransport.BindTcp(new IPEndPoint(IPAddress.Loopback, 0));
        var atLive = new CollectingHandler();
        live.Start(atLive);
        using var probe = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        int deadPort = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();

        server.Zone.Add(new DnsSrvRecord("_sip._tcp.ha.test", 60, 10, 0, (ushort)deadPort, "primary.ha.test"));
        server.Zone.Add(new DnsSrvRecord("_sip._tcp.ha.test", 60, 20, 0, (ushort)live.LocalEndPoint.Address.Port, "backup.ha.test"));
        server.Zone.Add(new DnsAddressRecord("primary.ha.test", 60, IPAddress.Loopback));
        server.Zone.Add(new DnsAddressRecord("backup.ha.test", 60, IPAddress.Loopback));

        var targets = await new SipServerLocator(server.Client()).LocateAsync("ha.test", null, SipTransportProtocol.Tcp, false, CancellationToken.None);
        await using var client = SipStreamTransport.BindTcp(new IPEndPoint(IPAddress.Loopback, 0));
        client.Start(new CollectingHandler());
        var (used, _) = await SipTargetFailover.FirstAsync(targets, async (target, ct) =>
        {
            await client.SendAsync(TestMessages.Bytes(TestMessages.Options(1)), target.EndPoint.Address, ct);
            return true;
        }, CancellationToken.None);

        Assert.Equal(live.LocalEndPoint.Address.Port, used.EndPoint.Address.Port);
        Assert.Contains("CSeq: 1", await atLive.NextTextAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Failover_with_every_target_down_names_each()
    {
        var targets = new[] { new SipTarget(Ep(SipTransportProtocol.Tcp, "127.0.0.1", 1), "a"), new SipTarget(Ep(SipTransportProtocol.Tcp, "127.0.0.1", 2), "b") };
        var e = await Assert.ThrowsAsync<SipTransportException>(() => SipTargetFailover.FirstAsync<bool>(targets, (t, _) => throw new SipTransportException("refused"), CancellationToken.None));
        Assert.Contains("127.0.0.1:1: refused", e.Message, StringComparison.Ordinal);
        Assert.Contains("127.0.0.1:2: refused", e.Message, StringComparison.Ordinal);
    }
}
