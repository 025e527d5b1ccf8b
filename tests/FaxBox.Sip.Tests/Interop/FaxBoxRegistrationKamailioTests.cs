using System.Net;
using FaxBox.Sip.Dns;
using FaxBox.Sip.Registration;
using FaxBox.Sip.Transactions;
using FaxBox.Sip.Transport;
using FaxBox.Testing.Interop;

namespace FaxBox.Sip.Tests.Interop;

/// <summary>FaxBox's own transports, Digest and registration against a real kamailio registrar.</summary>
[Collection(InteropCollection.Name)]
public sealed class FaxBoxRegistrationKamailioTests
{
    private static readonly Dictionary<string, string> Users = new() { ["fax"] = "fax-secret" };

    private static async Task<(ISipTransport Transport, SipTransactionRequestSender Sender)> StackAsync(SipTransportProtocol protocol)
    {
        var loopback = new IPEndPoint(IPAddress.Loopback, 0);
        ISipTransport transport = protocol == SipTransportProtocol.Udp ? UdpSipTransport.Bind(loopback) : SipStreamTransport.BindTcp(loopback);
        var layer = new SipTransactionLayer([transport], TimeProvider.System, new SipTimerOptions { T1 = TimeSpan.FromMilliseconds(100) });
        layer.Start();
        await Task.CompletedTask;
        return (transport, new SipTransactionRequestSender(layer));
    }

    private static SipRegistration Registration(KamailioHarness kamailio, ISipRequestSender sender, SipTransportProtocol protocol, string password, int expires = 120) =>
        new(new SipAccountOptions
        {
            Username = "fax",
            Password = password,
            Domain = KamailioHarness.Domain,
            Registrar = $"127.0.0.1:{kamailio.Port}",
            Transport = protocol,
            Expires = expires,
        }, sender, new SipServerLocator(new UnusedDns()));

    [Theory]
    [InlineData(SipTransportProtocol.Udp)]
    [InlineData(SipTransportProtocol.Tcp)]
    public async Task Registers_and_re_registers_with_digest(SipTransportProtocol protocol)
    {
        await using var kamailio = await KamailioHarness.StartAsync(Users);
        var (transport, sender) = await StackAsync(protocol);
        await using (transport)
        await using (var registration = Registration(kamailio, sender, protocol, "fax-secret"))
        {
            var states = new List<SipRegistrationState>();
            registration.Subscribe((s, _) =>
            {
                states.Add(s.State);
                return ValueTask.CompletedTask;
            });

            var first = await registration.RegisterOnceAsync(CancellationToken.None);
            Assert.True(first.State == SipRegistrationState.Registered, $"{first.Reason}\n{kamailio.Log}");
            Assert.Equal(200, first.LastStatusCode);
            Assert.InRange((first.ExpiresAt!.Value - DateTimeOffset.UtcNow).TotalSeconds, 100, 121);

            var again = await registration.RegisterOnceAsync(CancellationToken.None);
            Assert.True(again.State == SipRegistrationState.Registered, $"{again.Reason}\n{kamailio.Log}");
            Assert.Equal([SipRegistrationState.Registering, SipRegistrationState.Registered, SipRegistrationState.Registering, SipRegistrationState.Registered], states);

            var gone = await registration.UnregisterAsync(CancellationToken.None);
            Assert.Equal(SipRegistrationState.Unregistered, gone.State);
        }
    }

    [Fact]
    public async Task Wrong_password_is_refused_and_reported()
    {
        await using var kamailio = await KamailioHarness.StartAsync(Users);
        var (transport, sender) = await StackAsync(SipTransportProtocol.Udp);
        await using (transport)
        await using (var registration = Registration(kamailio, sender, SipTransportProtocol.Udp, "wrong"))
        {
            var result = await registration.RegisterOnceAsync(CancellationToken.None);
            Assert.Equal(SipRegistrationState.Failed, result.State);
            Assert.Equal(401, result.LastStatusCode);
            Assert.Contains("wrong user name or password", result.Reason, StringComparison.Ordinal);
            Assert.Contains("FAXBOX-AUTH REGISTER user 'fax' refused", kamailio.Log, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Interval_too_brief_raises_expires_to_min_expires()
    {
        await using var kamailio = await KamailioHarness.StartAsync(Users, minExpires: 300);
        var (transport, sender) = await StackAsync(SipTransportProtocol.Udp);
        await using (transport)
        await using (var registration = Registration(kamailio, sender, SipTransportProtocol.Udp, "fax-secret", expires: 60))
        {
            var result = await registration.RegisterOnceAsync(CancellationToken.None);
            Assert.True(result.State == SipRegistrationState.Registered, $"{result.Reason}\n{kamailio.Log}");
            Assert.InRange((result.ExpiresAt!.Value - DateTimeOffset.UtcNow).TotalSeconds, 250, 301);
        }
    }

    [Fact]
    public async Task Tshark_decodes_every_captured_packet_of_a_udp_and_tcp_registration_without_malformed_ones()
    {
        await using var kamailio = await KamailioHarness.StartAsync(Users);
        await using var capture = await TsharkCapture.StartAsync(kamailio.Port);
        foreach (var protocol in new[] { SipTransportProtocol.Udp, SipTransportProtocol.Tcp })
        {
            var (transport, sender) = await StackAsync(protocol);
            await using (transport)
            await using (var registration = Registration(kamailio, sender, protocol, "fax-secret"))
            {
                Assert.Equal(SipRegistrationState.Registered, (await registration.RegisterOnceAsync(CancellationToken.None)).State);
                Assert.Equal(SipRegistrationState.Unregistered, (await registration.UnregisterAsync(CancellationToken.None)).State);
            }
        }

        var (sip, malformed, summary) = await capture.StopAndDecodeAsync(expectedSip: 8);
        Assert.True(sip >= 8, $"expected at least 8 SIP packets (2 × REGISTER/401/REGISTER/200 and the unregisters), saw {sip}:\n{summary}");
        Assert.True(malformed == 0, $"{malformed} malformed packets:\n{summary}");
        Assert.Contains("Status: 401 Unauthorized", summary, StringComparison.Ordinal);
    }

    /// <summary>The registrar is given as an IP address, so the locator must not ask DNS at all.</summary>
    private sealed class UnusedDns : IDnsClient
    {
        public Task<DnsMessage> QueryAsync(string name, DnsRecordType type, CancellationToken cancellationToken) =>
            throw new InvalidOperationException($"unexpected DNS query {type} {name}");
    }
}
