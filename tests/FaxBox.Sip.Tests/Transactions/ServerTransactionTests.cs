using FaxBox.Sip.Messages;
using FaxBox.Sip.Transactions;

namespace FaxBox.Sip.Tests.Transactions;

/// <summary>The INVITE and non-INVITE server transactions (RFC 3261 §17.2), CANCEL, careful-UAS answers and RFC 3581.</summary>
public sealed class ServerTransactionTests
{
    [Fact]
    public async Task Invite_gets_100_then_non_2xx_retransmitted_until_ack_then_timer_i()
    {
        var h = new TransactionHarness();
        h.User.Answer = t => t.CreateResponse(SipStatusCodes.BusyHere);
        await h.Transport.ReceiveAsync(TransactionHarness.PeerRequest(SipMethods.Invite), TransactionHarness.Peer);
        var sent = h.Transport.Drain().Cast<SipResponse>().Select(r => r.StatusCode).ToList();
        Assert.Equal([100, 486], sent);
        var tx = Assert.IsType<InviteServerTransaction>(Assert.Single(h.User.Requests));
        Assert.Equal(SipTransactionState.Completed, tx.State);

        h.Clock.Advance(TimeSpan.FromMilliseconds(500));
        Assert.Equal(486, ((SipResponse)Assert.Single(h.Transport.Drain())).StatusCode);
        await h.Transport.ReceiveAsync(TransactionHarness.PeerRequest(SipMethods.Invite), TransactionHarness.Peer);
        Assert.Equal(486, ((SipResponse)Assert.Single(h.Transport.Drain())).StatusCode);
        Assert.Single(h.User.Requests);

        await h.Transport.ReceiveAsync(TransactionHarness.PeerRequest(SipMethods.Ack, toTag: tx.LocalTag, cseqMethod: "ACK"), TransactionHarness.Peer);
        Assert.Equal(SipTransactionState.Confirmed, tx.State);
        Assert.Empty(h.User.Acks);
        h.Clock.Advance(TimeSpan.FromSeconds(10));
        Assert.Empty(h.Transport.Drain());
        Assert.Equal(0, h.Layer.TransactionCount);
    }

    [Fact]
    public async Task Unacknowledged_2xx_is_retransmitted_then_reported()
    {
        var h = new TransactionHarness();
        h.User.Answer = t => t.CreateResponse(SipStatusCodes.Ok);
        await h.Transport.ReceiveAsync(TransactionHarness.PeerRequest(SipMethods.Invite), TransactionHarness.Peer);
        var tx = Assert.IsType<InviteServerTransaction>(Assert.Single(h.User.Requests));
        var reported = 0;
        tx.SuccessNotAcknowledged = () =>
        {
            reported++;
            return ValueTask.CompletedTask;
        };
        h.Transport.Drain();
        h.Clock.Advance(TimeSpan.FromSeconds(32));
        var retransmissions = h.Transport.Drain().Count;
        Assert.InRange(retransmissions, 9, 12);
        Assert.Equal(1, reported);
        Assert.Equal(0, h.Layer.TransactionCount);
    }

    [Fact]
    public async Task Ack_for_2xx_goes_to_the_dialog_which_stops_retransmission()
    {
        var h = new TransactionHarness();
        h.User.Answer = t => t.CreateResponse(SipStatusCodes.Ok);
        await h.Transport.ReceiveAsync(TransactionHarness.PeerRequest(SipMethods.Invite), TransactionHarness.Peer);
        var tx = Assert.IsType<InviteServerTransaction>(Assert.Single(h.User.Requests));
        await h.Transport.ReceiveAsync(TransactionHarness.PeerRequest(SipMethods.Ack, branch: "z9hG4bKack2", toTag: tx.LocalTag, cseqMethod: "ACK"), TransactionHarness.Peer);
        Assert.Single(h.User.Acks);
        tx.AcknowledgeSuccess();
        h.Transport.Drain();
        h.Clock.Advance(TimeSpan.FromSeconds(40));
        Assert.Empty(h.Transport.Drain());
        Assert.Equal(0, h.Layer.TransactionCount);
    }

    [Fact]
    public async Task Non_invite_answers_retransmissions_from_the_transaction_until_timer_j()
    {
        var h = new TransactionHarness();
        h.User.Answer = t => t.CreateResponse(SipStatusCodes.Ok);
        await h.Transport.ReceiveAsync(TransactionHarness.PeerRequest(SipMethods.Options), TransactionHarness.Peer);
        await h.Transport.ReceiveAsync(TransactionHarness.PeerRequest(SipMethods.Options), TransactionHarness.Peer);
        Assert.Single(h.User.Requests);
        Assert.Equal([200, 200], h.Transport.Drain().Cast<SipResponse>().Select(r => r.StatusCode));
        h.Clock.Advance(TimeSpan.FromSeconds(32));
        Assert.Equal(0, h.Layer.TransactionCount);
        await h.Transport.ReceiveAsync(TransactionHarness.PeerRequest(SipMethods.Options), TransactionHarness.Peer);
        Assert.Equal(2, h.User.Requests.Count);
    }

    [Fact]
    public async Task Cancel_gets_200_and_the_invite_487_and_unknown_cancel_481()
    {
        var h = new TransactionHarness();
        await h.Transport.ReceiveAsync(TransactionHarness.PeerRequest(SipMethods.Invite), TransactionHarness.Peer);
        h.Transport.Drain();
        await h.Transport.ReceiveAsync(TransactionHarness.PeerRequest(SipMethods.Cancel), TransactionHarness.Peer);
        var sent = h.Transport.Drain().Cast<SipResponse>().Select(r => (r.StatusCode, r.CSeq!.Value.Method)).ToList();
        Assert.Equal([(200, SipMethods.Cancel), (487, SipMethods.Invite)], sent);
        Assert.True(Assert.Single(h.User.Cancelled).IsCancelled);

        await h.Transport.ReceiveAsync(TransactionHarness.PeerRequest(SipMethods.Cancel, branch: "z9hG4bKnothing"), TransactionHarness.Peer);
        Assert.Equal(481, ((SipResponse)Assert.Single(h.Transport.Drain())).StatusCode);
    }

    [Fact]
    public async Task Received_and_rport_are_added_and_responses_go_to_the_source_port()
    {
        var h = new TransactionHarness();
        h.User.Answer = t => t.CreateResponse(SipStatusCodes.Ok);
        await h.Transport.ReceiveAsync(TransactionHarness.PeerRequest(SipMethods.Options), TransactionHarness.Peer);
        var via = Assert.Single(h.User.Requests).Request.TopVia!;
        Assert.Equal("192.0.2.9", via.Received);
        Assert.Equal(5070, via.RPort);
        var (response, remote) = h.Transport.Sent.Single();
        Assert.Equal(TransactionHarness.Peer, remote);
        Assert.Equal("192.0.2.9", response.TopVia!.Received);
        Assert.NotNull(response.To!.Tag);
    }

    [Theory]
    [InlineData("Max-Forwards: 70", "Max-Forwards: 300", 400, "Malformed Max-Forwards Header")]
    [InlineData("Contact: <sip:fax@192.0.2.9:5070>", "Contact: <sip:fax@192.0.2.9:5070", 400, "Malformed Contact Header")]
    [InlineData("OPTIONS sip:box@192.0.2.5 SIP/2.0", "OPTIONS sip:box@192.0.2.5 SIP/3.0", 505, "Version Not Supported")]
    [InlineData("OPTIONS sip:box@192.0.2.5 SIP/2.0", "OPTIONS urn:x:y SIP/2.0", 416, "Unsupported URI Scheme")]
    [InlineData("Max-Forwards: 70", "Require: foo", 420, "Bad Extension")]
    [InlineData("OPTIONS sip:box@192.0.2.5 SIP/2.0", "SUBSCRIBE sip:box@192.0.2.5 SIP/2.0", 400, "CSeq Method Mismatch")]
    public async Task Bad_requests_get_the_careful_uas_answer_statelessly(string from, string to, int status, string reason)
    {
        var h = new TransactionHarness();
        await h.Transport.ReceiveAsync(TransactionHarness.PeerRequest(SipMethods.Options).Replace(from, to, StringComparison.Ordinal), TransactionHarness.Peer);
        var response = (SipResponse)Assert.Single(h.Transport.Drain());
        Assert.Equal(status, response.StatusCode);
        Assert.Equal(reason, response.ReasonPhrase);
        Assert.Empty(h.User.Requests);
        Assert.Equal(0, h.Layer.TransactionCount);
        if (status == 420)
        {
            Assert.Equal("foo", response.Headers.Get(SipHeaderNames.Unsupported));
        }
    }

    [Fact]
    public async Task Garbage_without_headers_is_not_answered()
    {
        var h = new TransactionHarness();
        await h.Transport.ReceiveAsync("\u0001\u0002 nonsense\r\n\r\n", TransactionHarness.Peer);
        await h.Transport.ReceiveAsync("SIP/2.0 200\r\n\r\n", TransactionHarness.Peer);

        // A malformed CSeq cannot be copied into a well-formed response: dropped, not answered.
        await h.Transport.ReceiveAsync(TransactionHarness.PeerRequest(SipMethods.Options).Replace("CSeq: 1 OPTIONS", "CSeq: 99999999999 OPTIONS", StringComparison.Ordinal), TransactionHarness.Peer);
        Assert.Empty(h.Transport.Drain());
    }
}
