using System.Net;
using FaxBox.Sip.Dns;

namespace FaxBox.Sip.Tests.Dns;

public sealed class DnsClientTests
{
    [Fact]
    public async Task A_query_over_udp()
    {
        await using var server = TestDnsServer.Start();
        server.Zone.Add(new DnsAddressRecord("pbx.faxbox.test", 60, IPAddress.Parse("192.0.2.10")));
        var answer = await server.Client().QueryAsync("pbx.faxbox.test", DnsRecordType.A, CancellationToken.None);
        Assert.Equal(IPAddress.Parse("192.0.2.10"), Assert.IsType<DnsAddressRecord>(Assert.Single(answer.Answers)).Address);
        Assert.Equal(("pbx.faxbox.test", DnsRecordType.A, false), Assert.Single(server.Queries));
    }

    [Fact]
    public async Task Truncated_udp_answer_is_asked_again_over_tcp()
    {
        await using var server = TestDnsServer.Start();
        server.Zone.Add(new DnsSrvRecord("_sip._udp.big.test", 60, 1, 1, 5060, "a.big.test"));
        server.TruncateOverUdp.Add("_sip._udp.big.test");
        var answer = await server.Client().QueryAsync("_sip._udp.big.test", DnsRecordType.Srv, CancellationToken.None);
        Assert.Single(answer.Answers);
        Assert.Equal([false, true], server.Queries.Select(q => q.Tcp));
    }

    [Fact]
    public async Task Nxdomain_is_an_empty_answer()
    {
        await using var server = TestDnsServer.Start();
        var answer = await server.Client().QueryAsync("nothing.test", DnsRecordType.A, CancellationToken.None);
        Assert.Equal(DnsResponseCode.NxDomain, answer.ResponseCode);
        Assert.Empty(answer.Answers);
    }

    [Fact]
    public async Task Stray_datagrams_with_a_wrong_id_or_garbage_are_ignored()
    {
        await using var server = TestDnsServer.Start();
        server.SendStrayFirst = true;
        server.Zone.Add(new DnsAddressRecord("pbx.faxbox.test", 60, IPAddress.Parse("192.0.2.10")));
        var answer = await server.Client().QueryAsync("pbx.faxbox.test", DnsRecordType.A, CancellationToken.None);
        Assert.Equal(IPAddress.Parse("192.0.2.10"), Assert.IsType<DnsAddressRecord>(Assert.Single(answer.Answers)).Address);
    }

    [Fact]
    public async Task Silent_server_then_next_server_answers()
    {
        await using var silent = TestDnsServer.Start();
        await using var good = TestDnsServer.Start();
        silent.Silent = true;
        good.Zone.Add(new DnsAddressRecord("pbx.faxbox.test", 60, IPAddress.Parse("192.0.2.11")));
        var options = new DnsClientOptions { Timeout = TimeSpan.FromMilliseconds(300), Attempts = 1 };
        options.Servers.Add(silent.EndPoint);
        options.Servers.Add(good.EndPoint);
        var answer = await new DnsClient(options).QueryAsync("pbx.faxbox.test", DnsRecordType.A, CancellationToken.None);
        Assert.Single(answer.Answers);
        Assert.Single(silent.Queries);
    }

    [Fact]
    public async Task No_answer_from_any_server_is_a_dns_exception_naming_each()
    {
        await using var silent = TestDnsServer.Start();
        await using var failing = TestDnsServer.Start();
        silent.Silent = true;
        failing.ForcedCode = DnsResponseCode.ServFail;
        var options = new DnsClientOptions { Timeout = TimeSpan.FromMilliseconds(200), Attempts = 2 };
        options.Servers.Add(silent.EndPoint);
        options.Servers.Add(failing.EndPoint);
        var e = await Assert.ThrowsAsync<DnsException>(() => new DnsClient(options).QueryAsync("pbx.faxbox.test", DnsRecordType.A, CancellationToken.None));
        Assert.Contains(silent.EndPoint.ToString(), e.Message, StringComparison.Ordinal);
        Assert.Contains("ServFail", e.Message, StringComparison.Ordinal);
        Assert.Equal(2, silent.Queries.Count);
    }

    [Fact]
    public void A_client_without_servers_is_a_configuration_error()
    {
        var e = Assert.Throws<ArgumentException>(() => new DnsClient(new DnsClientOptions()));
        Assert.Contains("FaxBox:Sip:Dns:Servers", e.Message, StringComparison.Ordinal);
    }
}
