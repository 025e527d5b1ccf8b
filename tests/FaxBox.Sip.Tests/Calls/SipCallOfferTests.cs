using FaxBox.Sip.Calls;
using FaxBox.Sip.Messages;
using FaxBox.Sip.Sdp;
using FaxBox.Sip.Transport;

namespace FaxBox.Sip.Tests.Calls;

/// <summary>re-INVITE to T.38 and back, refusal with 488, glare with 491 and the §14.1 back-off, UPDATE and INFO.</summary>
public sealed class SipCallOfferTests
{
    [Fact]
    public async Task Reinvite_to_t38_and_back_to_audio()
    {
        var pair = await CallPair.ConnectAsync();
        pair.Callee.OfferHandler = CallPair.AcceptWith(pair.Peer.Negotiator);

        var toFax = await pair.Net.RunAsync(pair.Caller.ReinviteAsync(pair.Box.Negotiator.CreateOffer(SdpMediaKind.T38)));
        Assert.Equal(SipReinviteOutcome.Accepted, toFax.Outcome);
        var image = Assert.Single(toFax.Answer!.Media);
        Assert.True(image.IsT38);
        Assert.NotNull(image.GetT38(out _)!.MaxDatagram);
        Assert.True(pair.Callee.RemoteSdp!.Media[0].IsT38);
        Assert.Same(toFax.Answer, pair.Caller.RemoteSdp);

        var back = await pair.Net.RunAsync(pair.Caller.ReinviteAsync(pair.Box.Negotiator.CreateOffer(SdpMediaKind.Audio)));
        Assert.Equal(SipReinviteOutcome.Accepted, back.Outcome);
        Assert.True(back.Answer!.Media[0].IsAudio);
        Assert.Equal(3, pair.Net.Requests(SipMethods.Ack).Count);
        Assert.True(pair.Caller.LocalSdp!.Origin.SessionVersion > 1000);
    }

    [Fact]
    public async Task A_t38_reinvite_refused_with_488_keeps_the_audio_session()
    {
        var noT38 = new SdpNegotiator(new SdpMediaOptions { AcceptT38 = false, AudioPort = 4020 }, 2000);
        var pair = await CallPair.ConnectAsync();
        pair.Callee.OfferHandler = CallPair.AcceptWith(noT38);
        var before = pair.Caller.LocalSdp;

        var result = await pair.Net.RunAsync(pair.Caller.ReinviteAsync(pair.Box.Negotiator.CreateOffer(SdpMediaKind.T38)));

        Assert.Equal(SipReinviteOutcome.Refused, result.Outcome);
        Assert.Equal(488, result.StatusCode);
        Assert.Same(before, pair.Caller.LocalSdp);
        Assert.Equal(SipCallState.Connected, pair.Caller.State);
        Assert.Equal(SipCallState.Connected, pair.Callee.State);
        Assert.True(pair.Callee.RemoteSdp!.Media[0].IsAudio);
    }

    [Fact]
    public async Task Without_an_offer_handler_a_new_offer_is_refused_with_488()
    {
        var pair = await CallPair.ConnectAsync();
        var result = await pair.Net.RunAsync(pair.Caller.ReinviteAsync(pair.Box.Negotiator.CreateOffer(SdpMediaKind.T38)));
        Assert.Equal(488, result.StatusCode);
    }

    [Fact]
    public async Task Glare_gets_491_on_both_sides_and_the_back_off_lets_one_offer_through()
    {
        var pair = await CallPair.ConnectAsync();
        var calleeOffers = 0;
        var callerOffers = 0;
        pair.Callee.OfferHandler = CallPair.AcceptWith(pair.Peer.Negotiator, () => calleeOffers++);
        pair.Caller.OfferHandler = CallPair.AcceptWith(pair.Box.Negotiator, () => callerOffers++);

        var fromCaller = pair.Caller.ReinviteAsync(pair.Box.Negotiator.CreateOffer(SdpMediaKind.T38));
        var fromCallee = pair.Callee.ReinviteAsync(pair.Peer.Negotiator.CreateOffer(SdpMediaKind.T38));
        await pair.Net.PumpAsync();
        Assert.Equal(2, pair.Net.Responses(SipMethods.Invite, 491).Count);

        // The callee (not the Call-ID owner) waits 0–2 s, the caller 2.1–4 s (RFC 3261 §14.1).
        for (var i = 0; i < 41 && !(fromCaller.IsCompleted && fromCallee.IsCompleted); i++)
        {
            await pair.Net.AdvanceAsync(TimeSpan.FromMilliseconds(100));
        }

        var callee = await fromCallee;
        var caller = await fromCaller;
        Assert.Equal(SipReinviteOutcome.Accepted, callee.Outcome);
        Assert.Equal(SipReinviteOutcome.Superseded, caller.Outcome);
        Assert.Equal(1, callerOffers);
        Assert.Equal(0, calleeOffers);
        Assert.True(pair.Caller.LocalSdp!.Media[0].IsT38);
        Assert.True(pair.Callee.LocalSdp!.Media[0].IsT38);
    }

    [Fact]
    public async Task Update_without_sdp_and_legacy_info_are_accepted_info_package_is_refused()
    {
        var pair = await CallPair.ConnectAsync();
        var infos = new List<string>();
        pair.Callee.InfoReceived.Add((info, _) =>
        {
            infos.Add(info.BodyText);
            return ValueTask.CompletedTask;
        });

        var update = await SendAsync(pair, SipMethods.Update, null);
        Assert.Equal(200, update.StatusCode);

        var info = await SendAsync(pair, SipMethods.Info, r => r.SetBody("application/dtmf-relay", "Signal=5\r\nDuration=160\r\n"u8.ToArray()));
        Assert.Equal(200, info.StatusCode);
        Assert.Equal(["Signal=5\r\nDuration=160\r\n"], infos);

        var package = await SendAsync(pair, SipMethods.Info, r => r.Headers.Add("Info-Package", "foo"));
        Assert.Equal(469, package.StatusCode);
    }

    [Fact]
    public async Task A_peer_reinvite_repeating_the_session_is_answered_unchanged_without_asking_the_gateway()
    {
        var pair = await CallPair.ConnectAsync();
        var asked = 0;
        pair.Callee.OfferHandler = CallPair.AcceptWith(pair.Peer.Negotiator, () => asked++);
        var answerBefore = pair.Callee.LocalSdp!.ToString();

        var response = await SendAsync(pair, SipMethods.Invite, r => r.SetBody("application/sdp", System.Text.Encoding.UTF8.GetBytes(pair.Caller.LocalSdp!.ToString())));

        Assert.Equal(200, response.StatusCode);
        Assert.Equal(answerBefore, response.BodyText);
        Assert.Equal(0, asked);
    }

    /// <summary>An in-dialog request from the caller's dialog, sent by hand through the caller's transaction layer.</summary>
    private static async Task<SipResponse> SendAsync(CallPair pair, string method, Action<SipRequest>? fill)
    {
        var request = pair.Caller.Dialog!.CreateRequest(method);
        fill?.Invoke(request);
        if (!request.Headers.Contains(SipHeaderNames.ContentLength))
        {
            request.SetBody(null, ReadOnlyMemory<byte>.Empty);
        }

        var tx = pair.Box.Layer.SendRequest(request, new SipEndPoint(SipTransportProtocol.Udp, pair.Peer.Local));
        var response = await pair.Net.RunAsync(tx.FinalResponse);
        if (method == SipMethods.Invite && response.IsSuccess)
        {
            pair.Box.Layer.SendAck(pair.Caller.Dialog.CreateAck(request.CSeq!.Value.Number), new SipEndPoint(SipTransportProtocol.Udp, pair.Peer.Local));
            await pair.Net.PumpAsync();
        }

        return response;
    }
}
