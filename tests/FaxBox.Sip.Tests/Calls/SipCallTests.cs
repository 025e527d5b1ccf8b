using FaxBox.Sip.Auth;
using FaxBox.Sip.Calls;
using FaxBox.Sip.Messages;
using FaxBox.Sip.Sdp;
using FaxBox.Sip.Transport;

namespace FaxBox.Sip.Tests.Calls;

/// <summary>Two user agents back to back: placing, answering, rejecting, cancelling and ending calls (RFC 3261 §13–§15).</summary>
public sealed class SipCallTests
{
    [Fact]
    public async Task A_call_is_placed_answered_acknowledged_and_ended_by_bye()
    {
        var net = new CallNetwork();
        var box = net.Add("192.0.2.1");
        var peer = net.Add("192.0.2.2", seed: 2);
        var states = new List<SipCallState>();
        SipCall? incoming = null;
        peer.Ua.IncomingCall.Add(async (call, ct) =>
        {
            incoming = call;
            await call.RingAsync(null, ct);
            await call.AnswerAsync(peer.Negotiator.CreateAnswer(call.RemoteOffer!).Description, ct);
        });

        var outgoing = box.Ua.CreateCall(peer.Uri(), box.Negotiator.CreateOffer(SdpMediaKind.Audio));
        outgoing.StateChanged.Add((c, _) =>
        {
            states.Add(c.State);
            return ValueTask.CompletedTask;
        });
        var result = await net.RunAsync(outgoing.DialAsync());

        Assert.True(result.Connected, $"{result.StatusCode} {result.ReasonPhrase}");
        Assert.Equal(SipCallState.Connected, outgoing.State);
        Assert.NotNull(incoming);
        Assert.Equal(SipCallState.Connected, incoming.State);
        Assert.Equal("audio", Assert.Single(result.Answer!.Media).Media);
        Assert.Single(net.Requests(SipMethods.Ack));
        Assert.Equal(outgoing.CallId, incoming.CallId);
        Assert.Equal(outgoing.LocalSdp!.ToString(), incoming.RemoteSdp!.ToString());

        await net.RunAsync(outgoing.HangUpAsync());
        Assert.Single(net.Responses(SipMethods.Bye, 200));
        Assert.Equal(SipCallEndReason.LocalHangUp, outgoing.EndReason);
        Assert.Equal(SipCallEndReason.RemoteHangUp, incoming.EndReason);
        Assert.Equal([SipCallState.Proceeding, SipCallState.Connected, SipCallState.Terminated], states);
        Assert.Empty(box.Ua.Calls);
        Assert.Empty(peer.Ua.Calls);
    }

    [Fact]
    public async Task A_rejected_call_reports_the_status_on_both_sides()
    {
        var net = new CallNetwork();
        var box = net.Add("192.0.2.1");
        var peer = net.Add("192.0.2.2", seed: 2);
        SipCall? incoming = null;
        peer.Ua.IncomingCall.Add(async (call, ct) =>
        {
            incoming = call;
            await call.RejectAsync(SipStatusCodes.BusyHere, null, ct);
        });

        var call = box.Ua.CreateCall(peer.Uri(), box.Negotiator.CreateOffer(SdpMediaKind.Audio));
        var result = await net.RunAsync(call.DialAsync());

        Assert.False(result.Connected);
        Assert.Equal(486, result.StatusCode);
        Assert.Equal(SipCallEndReason.Rejected, call.EndReason);
        Assert.Equal(SipCallEndReason.RejectedLocally, incoming!.EndReason);
        Assert.Single(net.Requests(SipMethods.Ack)); // the transaction's ACK for the non-2xx
    }

    [Fact]
    public async Task Cancel_before_the_answer_ends_both_sides_with_487()
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
        var dial = call.DialAsync();
        await net.PumpAsync();
        Assert.Equal(SipCallState.Proceeding, call.State);
        await call.CancelAsync();
        var result = await net.RunAsync(dial);

        Assert.Equal(487, result.StatusCode);
        Assert.Equal(SipCallEndReason.Cancelled, call.EndReason);
        Assert.Equal(SipCallEndReason.CancelledByPeer, incoming!.EndReason);
        Assert.Single(net.Responses(SipMethods.Cancel, 200));
    }

    [Fact]
    public async Task Proxy_authentication_407_is_answered_with_digest_credentials()
    {
        var net = new CallNetwork();
        var box = net.Add("192.0.2.1", new SipUserAgentOptions { Credentials = new DigestCredentials("fax", "secret") });
        var peer = net.Add("192.0.2.2", seed: 2);
        peer.Ua.IncomingCall.Add((call, ct) => call.AnswerAsync(peer.Negotiator.CreateAnswer(call.RemoteOffer!).Description, ct));
        var challenged = 0;
        net.Filter = (message, to) =>
        {
            if (message is SipRequest { Method: SipMethods.Invite } invite && !invite.Headers.Contains("Proxy-Authorization") && challenged++ == 0)
            {
                var challenge = new SipResponse(407);
                foreach (var name in new[] { SipHeaderNames.Via, SipHeaderNames.From, SipHeaderNames.To, SipHeaderNames.CallId, SipHeaderNames.CSeq })
                {
                    challenge.Headers.Add(name, invite.Headers.Get(name)! + (name == SipHeaderNames.To ? ";tag=proxy" : string.Empty));
                }

                challenge.Headers.Add("Proxy-Authenticate", "Digest realm=\"faxbox.test\", nonce=\"abc123\", qop=\"auth\", algorithm=MD5");
                challenge.SetBody(null, ReadOnlyMemory<byte>.Empty);
                net.Enqueue(challenge.ToBytes(), new SipEndPoint(SipTransportProtocol.Udp, peer.Local), box.Local);
                return null;
            }

            return message;
        };

        var call = box.Ua.CreateCall(peer.Uri(), box.Negotiator.CreateOffer(SdpMediaKind.Audio));
        var result = await net.RunAsync(call.DialAsync());

        Assert.True(result.Connected, $"{result.StatusCode} {result.ReasonPhrase}");
        var invites = net.Requests(SipMethods.Invite);
        Assert.Single(invites); // the first one was answered by the "proxy" and not delivered
        Assert.Contains("username=\"fax\"", invites[0].Headers.Get("Proxy-Authorization"), StringComparison.Ordinal);
        Assert.Equal(2, net.Requests(SipMethods.Ack).Count); // ACK for the 407 (transaction) and for the 200 (dialog)
    }

    [Fact]
    public async Task A_2xx_never_acknowledged_is_retransmitted_then_the_callee_sends_bye()
    {
        var net = new CallNetwork();
        var box = net.Add("192.0.2.1");
        var peer = net.Add("192.0.2.2", seed: 2);
        SipCall? incoming = null;
        peer.Ua.IncomingCall.Add(async (call, ct) =>
        {
            incoming = call;
            await call.AnswerAsync(peer.Negotiator.CreateAnswer(call.RemoteOffer!).Description, ct);
        });
        net.Filter = (message, _) => message is SipRequest { Method: SipMethods.Ack } ? null : message;

        var call = box.Ua.CreateCall(peer.Uri(), box.Negotiator.CreateOffer(SdpMediaKind.Audio));
        Assert.True((await net.RunAsync(call.DialAsync())).Connected);
        for (var i = 0; i < 70; i++)
        {
            await net.AdvanceAsync(TimeSpan.FromMilliseconds(500));
        }

        Assert.InRange(net.Responses(SipMethods.Invite, 200).Count, 8, 14);
        Assert.True(await peer.Ua.WhenIdleAsync(TimeSpan.FromSeconds(5)));
        await net.PumpAsync();
        Assert.Single(net.Requests(SipMethods.Bye));
        Assert.Equal(SipCallEndReason.NoAck, incoming!.EndReason);
        Assert.Equal(SipCallEndReason.RemoteHangUp, call.EndReason);
    }

    [Fact]
    public async Task Options_is_answered_with_allow_accept_and_supported()
    {
        var net = new CallNetwork();
        var box = net.Add("192.0.2.1");
        var peer = net.Add("192.0.2.2", seed: 2);
        var options = new SipRequest(SipMethods.Options, box.Uri());
        options.Headers.Add(SipHeaderNames.From, "<sip:probe@192.0.2.2>;tag=p1");
        options.Headers.Add(SipHeaderNames.To, "<sip:fax@192.0.2.1>");
        options.Headers.Add(SipHeaderNames.CallId, "options-1");
        options.Headers.Add(SipHeaderNames.CSeq, "1 OPTIONS");
        var tx = peer.Layer.SendRequest(options, new SipEndPoint(SipTransportProtocol.Udp, box.Local));
        var response = await net.RunAsync(tx.FinalResponse);

        Assert.Equal(200, response.StatusCode);
        Assert.Contains(SipMethods.Update, response.GetTokens(SipHeaderNames.Allow));
        Assert.Contains(SipMethods.Prack, response.GetTokens(SipHeaderNames.Allow));
        Assert.Equal("application/sdp", response.Headers.Get(SipHeaderNames.Accept));
        Assert.Equal(["100rel", "timer"], response.GetTokens(SipHeaderNames.Supported));
    }

    [Theory]
    [InlineData(SipMethods.Bye)]
    [InlineData(SipMethods.Info)]
    [InlineData(SipMethods.Update)]
    public async Task Requests_outside_any_dialog_get_481(string method)
    {
        var net = new CallNetwork();
        var box = net.Add("192.0.2.1");
        var peer = net.Add("192.0.2.2", seed: 2);
        var request = new SipRequest(method, box.Uri());
        request.Headers.Add(SipHeaderNames.From, "<sip:probe@192.0.2.2>;tag=p1");
        request.Headers.Add(SipHeaderNames.To, "<sip:fax@192.0.2.1>;tag=nosuchdialog");
        request.Headers.Add(SipHeaderNames.CallId, "stray-1");
        request.Headers.Add(SipHeaderNames.CSeq, $"1 {method}");
        var tx = peer.Layer.SendRequest(request, new SipEndPoint(SipTransportProtocol.Udp, box.Local));
        Assert.Equal(481, (await net.RunAsync(tx.FinalResponse)).StatusCode);
    }

    [Fact]
    public async Task A_call_without_an_incoming_call_handler_is_refused_with_480()
    {
        var net = new CallNetwork();
        var box = net.Add("192.0.2.1");
        var peer = net.Add("192.0.2.2", seed: 2);
        var call = box.Ua.CreateCall(peer.Uri(), box.Negotiator.CreateOffer(SdpMediaKind.Audio));
        var result = await net.RunAsync(call.DialAsync());
        Assert.Equal(480, result.StatusCode);
    }

    [Fact]
    public async Task A_failing_state_handler_is_logged_and_does_not_break_the_call()
    {
        var net = new CallNetwork();
        var box = net.Add("192.0.2.1");
        var peer = net.Add("192.0.2.2", seed: 2);
        peer.Ua.IncomingCall.Add((call, ct) => call.AnswerAsync(peer.Negotiator.CreateAnswer(call.RemoteOffer!).Description, ct));
        var call = box.Ua.CreateCall(peer.Uri(), box.Negotiator.CreateOffer(SdpMediaKind.Audio));
        var later = 0;
        call.StateChanged.Add((_, _) => throw new InvalidOperationException("gateway bug"));
        call.StateChanged.Add((_, _) =>
        {
            later++;
            return ValueTask.CompletedTask;
        });

        Assert.True((await net.RunAsync(call.DialAsync())).Connected);
        Assert.Equal(2, later); // Proceeding (100 Trying) and Connected reached the second handler

        Assert.Equal(SipCallState.Connected, call.State);
    }

    [Fact]
    public async Task A_call_may_ring_past_64_T1_and_the_ring_limit_cancels_it()
    {
        var net = new CallNetwork();
        var box = net.Add("192.0.2.1", new SipUserAgentOptions { MaxRingTime = TimeSpan.FromSeconds(60) });
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
        for (var i = 0; i < 59; i++)
        {
            await net.AdvanceAsync(TimeSpan.FromSeconds(1));
        }

        Assert.False(dial.IsCompleted); // Timer B (32 s) does not apply once the INVITE is ringing (RFC 3261 §17.1.1.2)
        Assert.Empty(net.Requests(SipMethods.Cancel));
        await net.AdvanceAsync(TimeSpan.FromSeconds(1));
        await box.Ua.WhenIdleAsync(TimeSpan.FromSeconds(1));
        var result = await net.RunAsync(dial);
        Assert.Single(net.Requests(SipMethods.Cancel));
        Assert.Equal(487, result.StatusCode);
        Assert.Equal(SipCallEndReason.Cancelled, call.EndReason);
        Assert.Equal(SipCallEndReason.CancelledByPeer, incoming!.EndReason);
    }
}
