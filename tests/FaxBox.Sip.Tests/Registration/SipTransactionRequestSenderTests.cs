using FaxBox.Sip.Dns;
using FaxBox.Sip.Messages;
using FaxBox.Sip.Registration;
using FaxBox.Sip.Tests.Transactions;
using FaxBox.Sip.Transport;

namespace FaxBox.Sip.Tests.Registration;

/// <summary>Registration over the transaction layer (the sender that lets registration and calls share transports).</summary>
public sealed class SipTransactionRequestSenderTests
{
    [Fact]
    public async Task Registration_answers_a_challenge_through_the_transaction_layer()
    {
        var h = new TransactionHarness();
        var sender = new SipTransactionRequestSender(h.Layer);
        await using var registration = new SipRegistration(new SipAccountOptions
        {
            Username = "fax",
            Password = "secret",
            Domain = "faxbox.test",
            Registrar = "192.0.2.9:5070",
            Expires = 600,
        }, sender, new SipServerLocator(new NoDns()), h.Clock);

        var register = registration.RegisterOnceAsync(CancellationToken.None);
        var first = (SipRequest)await NextSentAsync(h);
        Assert.True(first.TopVia!.HasRPort);
        Assert.Equal("<sip:fax@192.0.2.5:5060>", first.Headers.Get(SipHeaderNames.Contact));
        var challenge = TransactionHarness.ResponseTo(first, 401, "Unauthorized")
            .Replace("Content-Length: 0", "WWW-Authenticate: Digest realm=\"faxbox.test\", nonce=\"n1\", qop=\"auth\"\r\nContent-Length: 0", StringComparison.Ordinal);
        await h.Transport.ReceiveAsync(challenge, TransactionHarness.Peer);

        var second = (SipRequest)await NextSentAsync(h);
        Assert.NotEqual(first.TopVia.Branch, second.TopVia!.Branch);
        Assert.StartsWith("Digest username=\"fax\"", second.Headers.Get("Authorization"), StringComparison.Ordinal);
        await h.Transport.ReceiveAsync(TransactionHarness.ResponseTo(second, 200, "OK"), TransactionHarness.Peer);

        var status = await register.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(SipRegistrationState.Registered, status.State);
    }

    [Fact]
    public async Task Timer_f_becomes_timeout_exception_and_a_transport_error_a_transport_exception()
    {
        var h = new TransactionHarness();
        var sender = new SipTransactionRequestSender(h.Layer);
        var target = new SipTarget(h.PeerEndPoint, "peer");

        var silent = sender.SendAsync(TransactionHarness.NewRequest(SipMethods.Register), target, CancellationToken.None);
        h.Clock.Advance(TimeSpan.FromSeconds(32));
        await Assert.ThrowsAsync<TimeoutException>(() => silent);

        h.Transport.FailSends = new SipTransportException("peer is gone");
        var dead = sender.SendAsync(TransactionHarness.NewRequest(SipMethods.Register, 2), target, CancellationToken.None);
        await Assert.ThrowsAsync<SipTransportException>(() => dead.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Throws<SipTransportException>(() => sender.LocalEndPointFor(new SipTarget(new SipEndPoint(SipTransportProtocol.Tls, TransactionHarness.Peer), "peer")));
    }

    private static async Task<SipMessage> NextSentAsync(TransactionHarness h)
    {
        for (var i = 0; i < 400; i++)
        {
            if (h.Transport.Sent.TryDequeue(out var item))
            {
                return item.Message;
            }

            await Task.Delay(5);
        }

        throw new TimeoutException("nothing was sent within 2 s");
    }

    private sealed class NoDns : IDnsClient
    {
        public Task<DnsMessage> QueryAsync(string name, DnsRecordType type, CancellationToken cancellationToken) =>
            throw new InvalidOperationException($"unexpected DNS query {type} {name}");
    }
}
