using FaxBox.Sip.Messages;
using FaxBox.Sip.Transactions;
using FaxBox.Sip.Transport;

namespace FaxBox.Sip.Tests.Transactions;

/// <summary>The INVITE and non-INVITE client transactions (RFC 3261 §17.1) on a manual clock.</summary>
public sealed class ClientTransactionTests
{
    [Fact]
    public async Task Non_invite_retransmits_with_timer_e_and_times_out_with_timer_f()
    {
        var h = new TransactionHarness();
        var tx = h.Layer.SendRequest(TransactionHarness.NewRequest(SipMethods.Options), h.PeerEndPoint);
        Assert.Single(h.Transport.Drain());
        var sendTimes = new List<double>();
        for (var ms = 0; ms < 32_000; ms += 250)
        {
            h.Clock.Advance(TimeSpan.FromMilliseconds(250));
            if (h.Transport.Drain().Count > 0)
            {
                sendTimes.Add(ms + 250);
            }
        }

        // T1=500 ms doubling to T2=4 s: 0.5, 1.5, 3.5, 7.5, 11.5, 15.5 … (RFC 3261 §17.1.2.2).
        Assert.Equal([500, 1500, 3500, 7500, 11500, 15500, 19500, 23500, 27500, 31500], sendTimes);
        Assert.True(tx.FinalResponse.IsCompleted);
        var response = await tx.FinalResponse;
        Assert.Equal(408, response.StatusCode);
        Assert.True(tx.TimedOut);
        Assert.Equal(0, h.Layer.TransactionCount);
        Assert.Equal(0, h.Clock.ActiveTimers);
    }

    [Fact]
    public async Task Non_invite_final_response_completes_and_timer_k_cleans_up()
    {
        var h = new TransactionHarness();
        var request = TransactionHarness.NewRequest(SipMethods.Options);
        var tx = h.Layer.SendRequest(request, h.PeerEndPoint);
        Assert.Equal("rport", Assert.Single(request.TopVia!.Parameters, p => p.Name == "rport").Name);
        await h.Transport.ReceiveAsync(TransactionHarness.ResponseTo(request, 200, "OK"), TransactionHarness.Peer);
        Assert.Equal(200, (await tx.FinalResponse).StatusCode);
        Assert.Equal(SipTransactionState.Completed, tx.State);
        h.Clock.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal(SipTransactionState.Terminated, tx.State);
        Assert.Equal(0, h.Layer.TransactionCount);
        h.Transport.Drain();
        h.Clock.Advance(TimeSpan.FromSeconds(60));
        Assert.Empty(h.Transport.Drain());
    }

    [Fact]
    public async Task Invite_non_2xx_is_acked_by_the_transaction_and_retransmissions_re_acked()
    {
        var h = new TransactionHarness();
        var invite = TransactionHarness.NewRequest(SipMethods.Invite);
        var tx = (InviteClientTransaction)h.Layer.SendRequest(invite, h.PeerEndPoint);
        var provisional = new List<int>();
        tx.Provisional = r =>
        {
            provisional.Add(r.StatusCode);
            return ValueTask.CompletedTask;
        };
        h.Clock.Advance(TimeSpan.FromMilliseconds(500));
        Assert.Equal(2, h.Transport.Drain().Count);
        await h.Transport.ReceiveAsync(TransactionHarness.ResponseTo(invite, 180, "Ringing"), TransactionHarness.Peer);
        h.Clock.Advance(TimeSpan.FromSeconds(10));
        Assert.Empty(h.Transport.Drain());
        Assert.Equal([180], provisional);

        await h.Transport.ReceiveAsync(TransactionHarness.ResponseTo(invite, 486, "Busy Here"), TransactionHarness.Peer);
        Assert.Equal(486, (await tx.FinalResponse).StatusCode);
        var ack = Assert.IsType<SipRequest>(Assert.Single(h.Transport.Drain()));
        Assert.Equal(SipMethods.Ack, ack.Method);
        Assert.Equal(invite.TopVia!.Branch, ack.TopVia!.Branch);
        Assert.Equal("peertag", ack.To!.Tag);
        Assert.Equal(new SipCSeq(1, SipMethods.Ack), ack.CSeq);

        await h.Transport.ReceiveAsync(TransactionHarness.ResponseTo(invite, 486, "Busy Here"), TransactionHarness.Peer);
        Assert.Equal(SipMethods.Ack, ((SipRequest)Assert.Single(h.Transport.Drain())).Method);
        h.Clock.Advance(TimeSpan.FromSeconds(32));
        Assert.Equal(0, h.Layer.TransactionCount);
    }

    [Fact]
    public async Task Invite_2xx_goes_to_accepted_and_retransmitted_2xx_reach_the_dialog()
    {
        var h = new TransactionHarness();
        var invite = TransactionHarness.NewRequest(SipMethods.Invite);
        var tx = (InviteClientTransaction)h.Layer.SendRequest(invite, h.PeerEndPoint);
        var again = 0;
        tx.SuccessRetransmitted = _ =>
        {
            again++;
            return ValueTask.CompletedTask;
        };
        await h.Transport.ReceiveAsync(TransactionHarness.ResponseTo(invite, 200, "OK"), TransactionHarness.Peer);
        Assert.Equal(200, (await tx.FinalResponse).StatusCode);
        Assert.Equal(SipTransactionState.Accepted, tx.State);
        h.Transport.Drain();
        await h.Transport.ReceiveAsync(TransactionHarness.ResponseTo(invite, 200, "OK"), TransactionHarness.Peer);
        Assert.Equal(1, again);
        Assert.Empty(h.Transport.Drain());
        h.Clock.Advance(TimeSpan.FromSeconds(32));
        Assert.Equal(0, h.Layer.TransactionCount);
    }

    [Fact]
    public async Task Invite_times_out_with_timer_b_and_tcp_never_retransmits()
    {
        var h = new TransactionHarness(SipTransportProtocol.Tcp);
        var tx = h.Layer.SendRequest(TransactionHarness.NewRequest(SipMethods.Invite), h.PeerEndPoint);
        Assert.Single(h.Transport.Drain());
        h.Clock.Advance(TimeSpan.FromSeconds(31.9));
        Assert.Empty(h.Transport.Drain());
        Assert.False(tx.FinalResponse.IsCompleted);
        h.Clock.Advance(TimeSpan.FromSeconds(0.1));
        Assert.Equal(408, (await tx.FinalResponse).StatusCode);
        Assert.Equal(0, h.Layer.TransactionCount);
    }

    [Fact]
    public async Task Transport_error_completes_with_503()
    {
        var h = new TransactionHarness();
        h.Transport.FailSends = new SipTransportException("connection refused");
        var tx = h.Layer.SendRequest(TransactionHarness.NewRequest(SipMethods.Options), h.PeerEndPoint);
        Assert.Equal(503, (await tx.FinalResponse).StatusCode);
        Assert.Equal(0, h.Layer.TransactionCount);
    }

    [Fact]
    public async Task Provisional_handler_exception_is_logged_not_thrown()
    {
        var h = new TransactionHarness();
        var invite = TransactionHarness.NewRequest(SipMethods.Invite);
        var tx = h.Layer.SendRequest(invite, h.PeerEndPoint);
        tx.Provisional = _ => throw new InvalidOperationException("handler bug");
        await h.Transport.ReceiveAsync(TransactionHarness.ResponseTo(invite, 183, "Session Progress"), TransactionHarness.Peer);
        await h.Transport.ReceiveAsync(TransactionHarness.ResponseTo(invite, 200, "OK"), TransactionHarness.Peer);
        Assert.Equal(200, (await tx.FinalResponse).StatusCode);
    }

    [Fact]
    public void Malformed_and_stray_responses_are_dropped()
    {
        var h = new TransactionHarness();
        var invite = TransactionHarness.NewRequest(SipMethods.Invite);
        var tx = h.Layer.SendRequest(invite, h.PeerEndPoint);
        h.Transport.Drain();
        var bad = TransactionHarness.ResponseTo(invite, 200, "OK").Replace("CSeq: 1 INVITE", "CSeq: x INVITE", StringComparison.Ordinal);
        Assert.True(h.Transport.ReceiveAsync(bad, TransactionHarness.Peer).IsCompletedSuccessfully);
        var stray = TransactionHarness.ResponseTo(invite, 200, "OK").Replace(invite.TopVia!.Branch!, "z9hG4bKother", StringComparison.Ordinal);
        Assert.True(h.Transport.ReceiveAsync(stray, TransactionHarness.Peer).IsCompletedSuccessfully);
        Assert.False(tx.FinalResponse.IsCompleted);
        Assert.Empty(h.Transport.Drain());
    }
}
