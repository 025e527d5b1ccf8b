using FaxBox.Sip.Calls;
using FaxBox.Sip.Messages;
using FaxBox.Sip.Sdp;
using FaxBox.Sip.Transport;

namespace FaxBox.Sip.Tests.Calls;

/// <summary>PRACK/100rel (RFC 3262) on both sides and session timers (RFC 4028) on the manual clock, with the fax rule.</summary>
public sealed class SipCallReliabilityTests
{
    [Fact]
    public async Task A_reliable_180_is_pracked_and_the_call_connects()
    {
        var net = new CallNetwork();
        var box = net.Add("192.0.2.1");
        var peer = net.Add("192.0.2.2", seed: 2);
        SipCall? incoming = null;
        peer.Ua.IncomingCall.Add(async (call, ct) =>
        {
            incoming = call;
            await call.RingAsync(null, ct);
        });
        var call = box.Ua.CreateCall(peer.Uri(), box.Negotiator.CreateOffer(SdpMediaKind.Audio));
        var progress = new List<SipCallProgress>();
        call.Progress.Add((p, _) =>
        {
            progress.Add(p);
            return ValueTask.CompletedTask;
        });

        var dial = call.DialAsync();
        await net.PumpAsync();
        var ringing = Assert.Single(net.Responses(SipMethods.Invite, 180));
        Assert.Contains("100rel", ringing.GetTokens(SipHeaderNames.Require));
        var rseq = ringing.Headers.Get(SipHeaderNames.RSeq);
        var prack = Assert.Single(net.Requests(SipMethods.Prack));
        Assert.Equal($"{rseq} {ringing.CSeq!.Value.Number} INVITE", prack.Headers.Get(SipHeaderNames.RAck));
        Assert.Single(net.Responses(SipMethods.Prack, 200));
        Assert.True(Assert.Single(progress).Reliable);

        // No retransmission of the 180 once PRACKed.
        await net.AdvanceAsync(TimeSpan.FromSeconds(2));
        Assert.Single(net.Responses(SipMethods.Invite, 180));

        await incoming!.AnswerAsync(peer.Negotiator.CreateAnswer(incoming.RemoteOffer!).Description);
        var result = await net.RunAsync(dial);
        Assert.True(result.Connected);
        Assert.True(prack.CSeq!.Value.Number < net.Requests(SipMethods.Ack).Single().CSeq!.Value.Number + 2);
    }

    [Fact]
    public async Task An_unpracked_reliable_180_is_retransmitted_then_the_invite_is_rejected_with_500()
    {
        var net = new CallNetwork { Filter = (m, _) => m is SipRequest { Method: SipMethods.Prack } ? null : m };
        var box = net.Add("192.0.2.1");
        var peer = net.Add("192.0.2.2", seed: 2);
        SipCall? incoming = null;
        peer.Ua.IncomingCall.Add(async (call, ct) =>
        {
            incoming = call;
            await call.RingAsync(null, ct);
        });
        var call = box.Ua.CreateCall(peer.Uri(), box.Negotiator.CreateOffer(SdpMediaKind.Audio));
        var dial = call.DialAsync();
        await net.PumpAsync();
        for (var i = 0; i < 33; i++)
        {
            await net.AdvanceAsync(TimeSpan.FromSeconds(1));
        }

        Assert.InRange(net.Responses(SipMethods.Invite, 180).Count, 5, 8);
        var result = await net.RunAsync(dial);
        Assert.Equal(500, result.StatusCode);
        Assert.Equal(SipCallEndReason.PrackTimeout, incoming!.EndReason);
    }

    [Fact]
    public async Task The_session_is_refreshed_by_update_without_sdp_at_half_the_interval()
    {
        var options = new SipUserAgentOptions { SessionExpires = TimeSpan.FromSeconds(120) };
        var pair = await CallPair.ConnectAsync(options, options);
        Assert.Equal(TimeSpan.FromSeconds(120), pair.Caller.SessionInterval);
        Assert.True(pair.Callee.IsSessionRefresher); // the UAS takes the role the caller left open
        Assert.False(pair.Caller.IsSessionRefresher);
        Assert.Equal("120;refresher=uas", pair.Net.Responses(SipMethods.Invite, 200).Single().Headers.Get(SipHeaderNames.SessionExpires));

        await pair.Net.AdvanceAsync(TimeSpan.FromSeconds(59));
        Assert.Empty(pair.Net.Requests(SipMethods.Update));
        await pair.Net.AdvanceAsync(TimeSpan.FromSeconds(1));
        var update = Assert.Single(pair.Net.Requests(SipMethods.Update));
        Assert.True(update.Body.IsEmpty);
        Assert.Equal("120;refresher=uac", update.Headers.Get(SipHeaderNames.SessionExpires));

        // Refreshed every 60 s for ten minutes: nobody gives up, nothing else is sent.
        for (var i = 0; i < 10; i++)
        {
            await pair.Net.AdvanceAsync(TimeSpan.FromSeconds(60));
        }

        Assert.Equal(11, pair.Net.Responses(SipMethods.Update, 200).Count);
        Assert.Equal(SipCallState.Connected, pair.Caller.State);
        Assert.Equal(SipCallState.Connected, pair.Callee.State);
        Assert.Single(pair.Net.Requests(SipMethods.Invite));
    }

    [Fact]
    public async Task Without_refreshes_the_non_refresher_ends_the_session_with_bye()
    {
        var options = new SipUserAgentOptions { SessionExpires = TimeSpan.FromSeconds(120) };
        var pair = await CallPair.ConnectAsync(options, options, filter: (m, _) => m is SipRequest { Method: SipMethods.Update } ? null : m);

        await pair.Net.AdvanceAsync(TimeSpan.FromSeconds(87));
        Assert.Empty(pair.Net.Requests(SipMethods.Bye));
        await pair.Net.AdvanceAsync(TimeSpan.FromSeconds(1)); // 120 − min(32, 40) = 88 s
        await pair.Box.Ua.WhenIdleAsync(TimeSpan.FromSeconds(5));
        await pair.Net.PumpAsync();
        Assert.Single(pair.Net.Requests(SipMethods.Bye));
        Assert.Equal(SipCallEndReason.SessionExpired, pair.Caller.EndReason);
    }

    [Fact]
    public async Task A_session_interval_below_min_se_gets_422_and_the_caller_retries_with_min_se()
    {
        var pair = await CallPair.ConnectAsync(
            new SipUserAgentOptions { SessionExpires = TimeSpan.FromSeconds(100) },
            new SipUserAgentOptions { MinSessionExpires = TimeSpan.FromSeconds(150) });
        Assert.Single(pair.Net.Responses(SipMethods.Invite, 422));
        Assert.Equal("150", pair.Net.Requests(SipMethods.Invite)[1].Headers.Get(SipHeaderNames.SessionExpires));
        Assert.Equal(TimeSpan.FromSeconds(150), pair.Caller.SessionInterval);
    }

    [Fact]
    public async Task During_a_fax_a_refresh_that_needs_a_reinvite_is_deferred_then_sent_with_the_sdp_unchanged()
    {
        // The caller's messages lose UPDATE from Allow: the callee (refresher) must refresh by re-INVITE.
        static SipMessage? NoUpdate(SipMessage m, System.Net.IPEndPoint to)
        {
            if (to.Address.ToString() == "192.0.2.2" && m.Headers.Contains(SipHeaderNames.Allow))
            {
                m.Headers.Set(SipHeaderNames.Allow, "INVITE, ACK, BYE, CANCEL, OPTIONS");
            }

            return m;
        }

        var options = new SipUserAgentOptions { SessionExpires = TimeSpan.FromSeconds(120) };
        var pair = await CallPair.ConnectAsync(options, options, NoUpdate);
        var asked = 0;
        pair.Caller.OfferHandler = CallPair.AcceptWith(pair.Box.Negotiator, () => asked++);
        pair.Callee.IsFaxActive = true;
        var sdpBefore = pair.Callee.LocalSdp!.ToString();

        await pair.Net.AdvanceAsync(TimeSpan.FromSeconds(60));
        Assert.Single(pair.Net.Requests(SipMethods.Invite)); // deferred: no re-INVITE while the fax runs
        await pair.Net.AdvanceAsync(TimeSpan.FromSeconds(15));
        Assert.Single(pair.Net.Requests(SipMethods.Invite));

        pair.Callee.IsFaxActive = false; // fax over: the deferred refresh goes out now
        await pair.Peer.Ua.WhenIdleAsync(TimeSpan.FromSeconds(1));
        await pair.Net.PumpAsync();
        var refresh = pair.Net.Requests(SipMethods.Invite)[1];
        Assert.Equal(sdpBefore, refresh.BodyText); // same o= version: the session does not change
        Assert.Equal(0, asked);
        Assert.Equal(SipCallState.Connected, pair.Caller.State);
    }

    [Fact]
    public async Task During_a_long_fax_the_deferred_refresh_goes_out_at_the_deferral_limit()
    {
        static SipMessage? NoUpdate(SipMessage m, System.Net.IPEndPoint to)
        {
            if (to.Address.ToString() == "192.0.2.2" && m.Headers.Contains(SipHeaderNames.Allow))
            {
                m.Headers.Set(SipHeaderNames.Allow, "INVITE, ACK, BYE, CANCEL, OPTIONS");
            }

            return m;
        }

        var options = new SipUserAgentOptions { SessionExpires = TimeSpan.FromSeconds(120) };
        var pair = await CallPair.ConnectAsync(options, options, NoUpdate);
        pair.Callee.IsFaxActive = true;
        var sdpBefore = pair.Callee.LocalSdp!.ToString();

        // Deadline: min(0.75 × 120 s, 0.9 × (120 − 32) s) = 79.2 s, before the caller would give up at 88 s.
        Assert.Equal(TimeSpan.FromSeconds(79.2), SipCall.DeferralDeadline(TimeSpan.FromSeconds(120), 0.75));
        Assert.Equal(TimeSpan.FromSeconds(1350), SipCall.DeferralDeadline(TimeSpan.FromSeconds(1800), 0.75));
        await pair.Net.AdvanceAsync(TimeSpan.FromSeconds(79));
        Assert.Single(pair.Net.Requests(SipMethods.Invite));
        await pair.Net.AdvanceAsync(TimeSpan.FromSeconds(1));
        await pair.Peer.Ua.WhenIdleAsync(TimeSpan.FromSeconds(1));
        await pair.Net.PumpAsync();
        // (the clock jumped past T1 inside one step, so the re-INVITE may also appear as a Timer A retransmission)
        Assert.Equal(2, pair.Net.Requests(SipMethods.Invite).Select(r => r.CSeq!.Value.Number).Distinct().Count());
        Assert.Equal(sdpBefore, pair.Net.Requests(SipMethods.Invite)[^1].BodyText);
        await pair.Net.AdvanceAsync(TimeSpan.FromSeconds(30)); // past the caller's original expiry check at 88 s
        Assert.Equal(SipCallState.Connected, pair.Caller.State);
        Assert.Empty(pair.Net.Requests(SipMethods.Bye));
    }
}
