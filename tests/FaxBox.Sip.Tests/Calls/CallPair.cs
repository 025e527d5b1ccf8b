using FaxBox.Sip.Calls;
using FaxBox.Sip.Messages;
using FaxBox.Sip.Sdp;

namespace FaxBox.Sip.Tests.Calls;

/// <summary>A connected call between "box" (the caller, 192.0.2.1) and "peer" (192.0.2.2) on a <see cref="CallNetwork"/>.</summary>
internal sealed class CallPair
{
    private CallPair(CallNetwork net, CallNetwork.CallNode box, CallNetwork.CallNode peer, SipCall caller, SipCall callee)
    {
        Net = net;
        Box = box;
        Peer = peer;
        Caller = caller;
        Callee = callee;
    }

    public CallNetwork Net { get; }

    public CallNetwork.CallNode Box { get; }

    public CallNetwork.CallNode Peer { get; }

    public SipCall Caller { get; }

    public SipCall Callee { get; }

    public static async Task<CallPair> ConnectAsync(SipUserAgentOptions? boxOptions = null, SipUserAgentOptions? peerOptions = null, Func<SipMessage, System.Net.IPEndPoint, SipMessage?>? filter = null)
    {
        var net = new CallNetwork { Filter = filter };
        var box = net.Add("192.0.2.1", boxOptions);
        var peer = net.Add("192.0.2.2", peerOptions, seed: 2);
        SipCall? callee = null;
        peer.Ua.IncomingCall.Add(async (call, ct) =>
        {
            callee = call;
            await call.AnswerAsync(peer.Negotiator.CreateAnswer(call.RemoteOffer!).Description, ct);
        });
        var caller = box.Ua.CreateCall(peer.Uri(), box.Negotiator.CreateOffer(SdpMediaKind.Audio));
        var result = await net.RunAsync(caller.DialAsync());
        Assert.True(result.Connected, $"{result.StatusCode} {result.ReasonPhrase}");
        return new CallPair(net, box, peer, caller, callee!);
    }

    /// <summary>Accepts every offer with the node's negotiator answer (488 when it finds nothing acceptable).</summary>
    public static Func<SipOffer, CancellationToken, ValueTask<SipOfferDecision>> AcceptWith(SdpNegotiator negotiator, Action? onOffer = null) => (offer, _) =>
    {
        onOffer?.Invoke();
        var answer = negotiator.CreateAnswer(offer.Offer);
        return ValueTask.FromResult(answer.IsAcceptable ? SipOfferDecision.Accept(answer.Description) : SipOfferDecision.Refuse(488, answer.Reason));
    };
}
