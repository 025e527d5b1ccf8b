using System.Security.Cryptography.X509Certificates;
using FaxBox.Sip.Transport;

namespace FaxBox.Sip.Tests.Transport;

public sealed class TlsSipTransportTests : IDisposable
{
    private readonly X509Certificate2 _serverCertificate = TestCertificates.SelfSigned("sip.faxbox.test");

    private static SipTransportOptions Quiet() => new() { KeepAliveInterval = Timeout.InfiniteTimeSpan, IdleTimeout = Timeout.InfiniteTimeSpan };

    public void Dispose() => _serverCertificate.Dispose();

    private async Task<(SipStreamTransport Client, SipStreamTransport Server, CollectingHandler AtClient, CollectingHandler AtServer)> PairAsync(SipTlsOptions clientTls)
    {
        var server = SipStreamTransport.BindTls(TestCertificates.Loopback, new SipTlsOptions { Certificate = _serverCertificate }, Quiet());
        var client = SipStreamTransport.BindTls(TestCertificates.Loopback, clientTls, Quiet());
        var atServer = new CollectingHandler();
        var atClient = new CollectingHandler();
        server.Start(atServer);
        client.Start(atClient);
        await Task.CompletedTask;
        return (client, server, atClient, atServer);
    }

    [Fact]
    public async Task Full_verification_with_the_peer_as_trusted_root_round_trips()
    {
        var tls = new SipTlsOptions { TargetHost = "sip.faxbox.test" };
        tls.TrustedRoots.Add(TestCertificates.PublicPart(_serverCertificate));
        var (client, server, atClient, atServer) = await PairAsync(tls);
        await using (client)
        await using (server)
        {
            await client.SendAsync(TestMessages.Bytes(TestMessages.Options(1, "over tls")), server.LocalEndPoint.Address, CancellationToken.None);
            var request = await atServer.NextAsync();
            Assert.Equal(SipTransportProtocol.Tls, request.Remote.Protocol);
            Assert.EndsWith("over tls", System.Text.Encoding.ASCII.GetString(request.Data.Span), StringComparison.Ordinal);

            await server.SendAsync(TestMessages.Bytes("SIP/2.0 200 OK\r\nContent-Length: 0\r\n\r\n"), request.Remote.Address, CancellationToken.None);
            Assert.StartsWith("SIP/2.0 200 OK", await atClient.NextTextAsync(), StringComparison.Ordinal);
            Assert.Equal(1, client.ConnectionCount);
        }
    }

    [Fact]
    public async Task Untrusted_self_signed_certificate_is_refused_under_full_verification()
    {
        var (client, server, _, atServer) = await PairAsync(new SipTlsOptions { TargetHost = "sip.faxbox.test" });
        await using (client)
        await using (server)
        {
            var e = await Assert.ThrowsAsync<SipTransportException>(async () =>
                await client.SendAsync(TestMessages.Bytes(TestMessages.Options(1)), server.LocalEndPoint.Address, CancellationToken.None));
            Assert.Contains("TLS handshake", e.Message, StringComparison.Ordinal);
            Assert.False(atServer.TryTake(out _));
        }
    }

    [Fact]
    public async Task Wrong_name_is_refused_under_full_verification_and_accepted_chain_only()
    {
        var full = new SipTlsOptions { TargetHost = "other.example" };
        full.TrustedRoots.Add(TestCertificates.PublicPart(_serverCertificate));
        var (client, server, _, _) = await PairAsync(full);
        await using (client)
        await using (server)
        {
            await Assert.ThrowsAsync<SipTransportException>(async () =>
                await client.SendAsync(TestMessages.Bytes(TestMessages.Options(1)), server.LocalEndPoint.Address, CancellationToken.None));
        }

        var chainOnly = new SipTlsOptions { TargetHost = "other.example", Verification = SipTlsVerification.ChainOnly };
        chainOnly.TrustedRoots.Add(TestCertificates.PublicPart(_serverCertificate));
        var (client2, server2, _, atServer2) = await PairAsync(chainOnly);
        await using (client2)
        await using (server2)
        {
            await client2.SendAsync(TestMessages.Bytes(TestMessages.Options(2)), server2.LocalEndPoint.Address, CancellationToken.None);
            Assert.Contains("CSeq: 2", await atServer2.NextTextAsync(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Target_host_per_peer_overrides_the_default_name()
    {
        var tls = new SipTlsOptions { TargetHost = "wrong.example" };
        tls.TrustedRoots.Add(TestCertificates.PublicPart(_serverCertificate));
        var (client, server, _, atServer) = await PairAsync(tls);
        await using (client)
        await using (server)
        {
            client.SetTargetHost(server.LocalEndPoint.Address, "sip.faxbox.test");
            await client.SendAsync(TestMessages.Bytes(TestMessages.Options(3)), server.LocalEndPoint.Address, CancellationToken.None);
            Assert.Contains("CSeq: 3", await atServer.NextTextAsync(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Verification_none_accepts_an_untrusted_certificate()
    {
        var (client, server, _, atServer) = await PairAsync(new SipTlsOptions { Verification = SipTlsVerification.None });
        await using (client)
        await using (server)
        {
            await client.SendAsync(TestMessages.Bytes(TestMessages.Options(4)), server.LocalEndPoint.Address, CancellationToken.None);
            Assert.Contains("CSeq: 4", await atServer.NextTextAsync(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Split_messages_and_ping_over_tls()
    {
        var tls = new SipTlsOptions { TargetHost = "sip.faxbox.test" };
        tls.TrustedRoots.Add(TestCertificates.PublicPart(_serverCertificate));
        var (client, server, _, atServer) = await PairAsync(tls);
        await using (client)
        await using (server)
        {
            string one = TestMessages.Options(5, "a");
            string two = TestMessages.Options(6, "bb");
            await client.SendAsync(TestMessages.Bytes(one + two), server.LocalEndPoint.Address, CancellationToken.None);
            Assert.Equal(one, await atServer.NextTextAsync());
            Assert.Equal(two, await atServer.NextTextAsync());
        }
    }
}
