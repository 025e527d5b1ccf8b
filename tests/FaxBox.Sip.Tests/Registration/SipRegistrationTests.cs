using FaxBox.Sip.Dns;
using FaxBox.Sip.Registration;
using FaxBox.Sip.Tests.Dns;
using FaxBox.Sip.Tests.Transport;
using FaxBox.Sip.Transport;

namespace FaxBox.Sip.Tests.Registration;

public sealed class SipRegistrationTests
{
    private const string Challenge = "WWW-Authenticate: Digest realm=\"faxbox.test\", nonce=\"n1\", qop=\"auth\"";

    private static SipAccountOptions Account(string? registrar = "127.0.0.1:5070") => new()
    {
        Username = "fax",
        Password = "secret",
        Domain = "faxbox.test",
        Registrar = registrar,
        Expires = 600,
        RetryBase = TimeSpan.FromSeconds(30),
        RetryMax = TimeSpan.FromMinutes(30),
    };

    private static SipServerLocator NoDns() => new(new NoDnsClient());

    [Fact]
    public async Task Challenge_then_ok_registers_with_the_granted_contact_expiry()
    {
        var sender = new ScriptedSender();
        sender.Then(401, "Unauthorized", Challenge);
        sender.Then(200, "OK", "Contact: <sip:fax@127.0.0.1:5099>;expires=300", "Expires: 900");
        var clock = new ManualTimeProvider();
        await using var registration = new SipRegistration(Account(), sender, NoDns(), clock);
        var status = await registration.RegisterOnceAsync(CancellationToken.None);

        Assert.Equal(SipRegistrationState.Registered, status.State);
        Assert.Equal(clock.GetUtcNow().AddSeconds(300), status.ExpiresAt);
        Assert.Equal(2, sender.Sent.Count);
        Assert.Null(sender.Sent[0].Request.Headers.Get("Authorization"));
        Assert.StartsWith("Digest username=\"fax\"", sender.Sent[1].Request.Headers.Get("Authorization"), StringComparison.Ordinal);
        Assert.Equal(sender.Sent[0].Request.CallId, sender.Sent[1].Request.CallId);
        Assert.Equal(sender.Sent[0].Request.CSeq!.Value.Number + 1, sender.Sent[1].Request.CSeq!.Value.Number);
        Assert.Equal("sip:127.0.0.1:5070", sender.Sent[0].Request.RequestUri.ToString());
        Assert.Equal("<sip:fax@faxbox.test>", sender.Sent[0].Request.Headers.Get("To"));
    }

    [Fact]
    public async Task Proxy_challenge_407_is_answered_with_proxy_authorization()
    {
        var sender = new ScriptedSender();
        sender.Then(407, "Proxy Authentication Required", "Proxy-Authenticate: Digest realm=\"faxbox.test\", nonce=\"p1\", qop=\"auth\", algorithm=SHA-256");
        sender.Then(200, "OK", "Expires: 600");
        await using var registration = new SipRegistration(Account(), sender, NoDns(), new ManualTimeProvider());
        Assert.Equal(SipRegistrationState.Registered, (await registration.RegisterOnceAsync(CancellationToken.None)).State);
        Assert.Contains("algorithm=SHA-256", sender.Sent[1].Request.Headers.Get("Proxy-Authorization"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Refresh_carries_credentials_at_once_and_a_stale_nonce_is_retried()
    {
        var sender = new ScriptedSender();
        sender.Then(401, "Unauthorized", Challenge);
        sender.Then(200, "OK", "Expires: 600");
        sender.Then(401, "Unauthorized", "WWW-Authenticate: Digest realm=\"faxbox.test\", nonce=\"n2\", qop=\"auth\", stale=true");
        sender.Then(200, "OK", "Expires: 600");
        await using var registration = new SipRegistration(Account(), sender, NoDns(), new ManualTimeProvider());
        await registration.RegisterOnceAsync(CancellationToken.None);
        var refreshed = await registration.RegisterOnceAsync(CancellationToken.None);

        Assert.Equal(SipRegistrationState.Registered, refreshed.State);
        Assert.Contains("nc=00000002", sender.Sent[2].Request.Headers.Get("Authorization"), StringComparison.Ordinal);
        Assert.Contains("nonce=\"n2\"", sender.Sent[3].Request.Headers.Get("Authorization"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Wrong_password_fails_with_the_reason()
    {
        var sender = new ScriptedSender();
        sender.Then(401, "Unauthorized", Challenge);
        sender.Then(401, "Unauthorized", Challenge.Replace("n1", "n9", StringComparison.Ordinal));
        await using var registration = new SipRegistration(Account(), sender, NoDns(), new ManualTimeProvider());
        var status = await registration.RegisterOnceAsync(CancellationToken.None);
        Assert.Equal(SipRegistrationState.Failed, status.State);
        Assert.Contains("wrong user name or password", status.Reason, StringComparison.Ordinal);
        Assert.Equal(2, sender.Sent.Count);
    }

    [Fact]
    public async Task Interval_too_brief_asks_again_with_min_expires()
    {
        var sender = new ScriptedSender();
        sender.Then(423, "Interval Too Brief", "Min-Expires: 1800");
        sender.Then(200, "OK", "Expires: 1800");
        await using var registration = new SipRegistration(Account(), sender, NoDns(), new ManualTimeProvider());
        Assert.Equal(SipRegistrationState.Registered, (await registration.RegisterOnceAsync(CancellationToken.None)).State);
        Assert.Equal("600", sender.Sent[0].Request.Headers.Get("Expires"));
        Assert.Equal("1800", sender.Sent[1].Request.Headers.Get("Expires"));
    }

    [Fact]
    public async Task Failover_to_the_next_srv_target_on_timeout_and_503()
    {
        await using var dns = TestDnsServer.Start();
        dns.Zone.Add(new DnsSrvRecord("_sip._udp.faxbox.test", 60, 10, 0, 5060, "a.faxbox.test"));
        dns.Zone.Add(new DnsSrvRecord("_sip._udp.faxbox.test", 60, 20, 0, 5060, "b.faxbox.test"));
        dns.Zone.Add(new DnsSrvRecord("_sip._udp.faxbox.test", 60, 30, 0, 5060, "c.faxbox.test"));
        dns.Zone.Add(new DnsAddressRecord("a.faxbox.test", 60, System.Net.IPAddress.Parse("192.0.2.1")));
        dns.Zone.Add(new DnsAddressRecord("b.faxbox.test", 60, System.Net.IPAddress.Parse("192.0.2.2")));
        dns.Zone.Add(new DnsAddressRecord("c.faxbox.test", 60, System.Net.IPAddress.Parse("192.0.2.3")));
        var sender = new ScriptedSender();
        sender.ThenThrow(new TimeoutException("Timer F"));
        sender.Then(503, "Service Unavailable");
        sender.Then(200, "OK", "Expires: 600");
        var account = Account(registrar: null);
        account.Transport = SipTransportProtocol.Udp;
        await using var registration = new SipRegistration(account, sender, new SipServerLocator(dns.Client()), new ManualTimeProvider());
        var status = await registration.RegisterOnceAsync(CancellationToken.None);

        Assert.Equal(SipRegistrationState.Registered, status.State);
        Assert.Equal(["192.0.2.1", "192.0.2.2", "192.0.2.3"], sender.Sent.Select(s => s.Target.EndPoint.Address.Address.ToString()));
        Assert.Equal("192.0.2.3", status.Registrar!.Value.EndPoint.Address.Address.ToString());
    }

    [Fact]
    public async Task Outbound_proxy_receives_the_request_for_the_registrar()
    {
        var sender = new ScriptedSender();
        sender.Then(200, "OK", "Expires: 600");
        var account = Account(registrar: null);
        account.OutboundProxy = "192.0.2.50:5080";
        await using var registration = new SipRegistration(account, sender, NoDns(), new ManualTimeProvider());
        await registration.RegisterOnceAsync(CancellationToken.None);
        Assert.Equal("192.0.2.50:5080", sender.Sent[0].Target.EndPoint.Address.ToString());
        Assert.Equal("sip:faxbox.test", sender.Sent[0].Request.RequestUri.ToString());
    }

    [Fact]
    public async Task Loop_refreshes_ahead_of_expiry_and_backs_off_after_failures()
    {
        var clock = new ManualTimeProvider();
        var sender = new ScriptedSender();
        sender.Then(200, "OK", "Expires: 600");
        sender.ThenThrow(new SipTransportException("refused"));
        sender.Then(200, "OK", "Expires: 600");
        var states = new List<SipRegistrationState>();
        await using var registration = new SipRegistration(Account(), sender, NoDns(), clock, new Random(5626));
        registration.Subscribe((s, _) =>
        {
            lock (states)
            {
                states.Add(s.State);
            }

            return ValueTask.CompletedTask;
        });
        registration.Subscribe((_, _) => throw new InvalidOperationException("a broken subscriber"));
        registration.Start();

        Assert.True(await TestMessages.EventuallyAsync(() => registration.Status.State == SipRegistrationState.Registered && clock.ActiveTimers == 1));
        clock.Advance(TimeSpan.FromSeconds(600 - 32 - 1));
        Assert.Single(sender.Sent);
        clock.Advance(TimeSpan.FromSeconds(1)); // refresh 32 s ahead of expiry: fails
        Assert.True(await TestMessages.EventuallyAsync(() => registration.Status.State == SipRegistrationState.Failed && clock.ActiveTimers == 1));
        Assert.Equal(1, registration.Failures);
        var wait = registration.Status.NextAttemptAt!.Value - clock.GetUtcNow();
        Assert.InRange(wait.TotalSeconds, 15, 30);
        clock.Advance(wait);
        Assert.True(await TestMessages.EventuallyAsync(() => registration.Status.State == SipRegistrationState.Registered && sender.Sent.Count == 3));
        Assert.Equal(0, registration.Failures);
    }

    [Fact]
    public async Task Retry_delay_doubles_up_to_the_maximum_with_jitter()
    {
        await using var registration = new SipRegistration(Account(), new ScriptedSender(), NoDns(), new ManualTimeProvider(), new Random(1));
        Assert.InRange(registration.RetryDelay(1).TotalSeconds, 15, 30);
        Assert.InRange(registration.RetryDelay(3).TotalSeconds, 60, 120);
        Assert.InRange(registration.RetryDelay(40).TotalSeconds, 900, 1800);
        Assert.Equal(TimeSpan.FromSeconds(600 - 32), registration.RefreshDelay(TimeSpan.FromSeconds(600)));
        Assert.Equal(TimeSpan.FromSeconds(20), registration.RefreshDelay(TimeSpan.FromSeconds(40)));
    }

    [Theory]
    [InlineData("pbx.test", "pbx.test", null)]
    [InlineData("pbx.test:5080", "pbx.test", 5080)]
    [InlineData("[2001:db8::1]:5070", "[2001:db8::1]", 5070)]
    [InlineData("[2001:db8::1]", "[2001:db8::1]", null)]
    public void Host_and_port_split(string text, string host, int? port) =>
        Assert.Equal((host, port), SipRegistration.SplitHostPort(text));

    [Fact]
    public void Missing_domain_is_a_configuration_error()
    {
        var e = Assert.Throws<ArgumentException>(() => new SipRegistration(new SipAccountOptions { Username = "fax" }, new ScriptedSender(), NoDns()));
        Assert.Contains("Domain is required", e.Message, StringComparison.Ordinal);
    }

    private sealed class NoDnsClient : IDnsClient
    {
        public Task<DnsMessage> QueryAsync(string name, DnsRecordType type, CancellationToken cancellationToken) =>
            throw new InvalidOperationException($"unexpected DNS query {type} {name}");
    }
}
