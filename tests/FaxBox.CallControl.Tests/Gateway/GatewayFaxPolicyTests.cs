using System.Net;
using FaxBox.CallControl.Configuration;
using FaxBox.Core.Status;
using FaxBox.Fax.Tones;
using FaxBox.LineInterface.Simulated.Scenarios;
using FaxBox.Sip.Calls;
using FaxBox.Sip.Dns;
using FaxBox.Sip.Sdp;
using FaxBox.Sip.Transactions;
using FaxBox.Sip.Transport;

namespace FaxBox.CallControl.Tests.Gateway;

/// <summary>
/// The fax switch-over policy against a plain SIP peer the test controls (FaxBox's own user agent on 127.0.0.1): which
/// tones trigger the box's T.38 re-INVITE, the T.38 timeout and its fallback, and session refreshes held during fax.
/// </summary>
public sealed class GatewayFaxPolicyTests : IDisposable
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(60);
    private readonly TempFolder _work = TestPaths.NewTempFolder();

    public void Dispose() => _work.Dispose();

    /// <summary>A SIP peer that answers every call with audio and hands every re-INVITE to <see cref="OnOffer"/>.</summary>
    private sealed class Peer : IAsyncDisposable
    {
        private readonly UdpSipTransport _transport;
        private readonly SdpNegotiator _negotiator = new(new SdpMediaOptions { Address = IPAddress.Loopback, AudioPort = 41_000, ImagePort = 41_002 }, 9);

        public Peer()
        {
            _transport = UdpSipTransport.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            var layer = new SipTransactionLayer([_transport], TimeProvider.System, new SipTimerOptions { T1 = TimeSpan.FromMilliseconds(100) });
            Ua = new SipUserAgent(layer, new SipServerLocator(new NoDns()));
            Ua.IncomingCall.Add(async (call, ct) =>
            {
                call.OfferHandler = (offer, token) => OnOffer(offer, token);
                Call = call;
                await call.AnswerAsync(_negotiator.CreateAnswer(call.RemoteOffer!).Description, ct);
            });
            layer.Start();
        }

        public SipUserAgent Ua { get; }

        public SipCall? Call { get; private set; }

        public List<string> Offers { get; } = [];

        public Func<SipOffer, CancellationToken, Task<SipOfferDecision>> Decide { get; set; } = (_, _) => Task.FromResult(SipOfferDecision.Refuse());

        public string HostPort => $"127.0.0.1:{_transport.LocalEndPoint.Address.Port}";

        public async ValueTask DisposeAsync()
        {
            await Ua.DisposeAsync();
            await _transport.DisposeAsync();
        }

        private async ValueTask<SipOfferDecision> OnOffer(SipOffer offer, CancellationToken token)
        {
            var kind = offer.Offer.Media.Any(m => m.Media == "image") ? "image" : "audio";
            lock (Offers)
            {
                Offers.Add(kind);
            }

            return kind == "audio" ? SipOfferDecision.Accept(_negotiator.CreateAnswer(offer.Offer).Description) : await Decide(offer, token);
        }
    }

    private static SimulationScenario Phone(string dials) => new()
    {
        Ports = [new SimulatedPortScenario { Port = 0, Type = ScenarioPortType.Fxs, Terminal = new SimulatedTerminalScenario { Kind = SimulatedTerminalKind.Phone, PhoneDials = dials } }],
    };

    private async Task<(GatewayBox Box, FakeCallMediaFactory Media, Peer Peer)> Connected(FaxOptions fax)
    {
        var peer = new Peer();
        var media = new FakeCallMediaFactory();
        var box = GatewayBox.Create(GatewayBox.Options("box", peer.HostPort, fax: fax), Phone("299"), media, _work.Path);
        box.Simulation.Phones["fxs0"].OffHook();
        Assert.True(await GatewayBox.Run(() => box.Port("fxs0").State == PortState.Connected && media.Last?.Mode == CallMediaMode.Voice, Limit, box), $"{box.Port("fxs0").State}");
        return (box, media, peer);
    }

    [Theory]
    [InlineData(FaxTone.Ced, true)]
    [InlineData(FaxTone.AnsPr, true)]
    [InlineData(FaxTone.AnsAm, true)]
    [InlineData(FaxTone.AnsAmPr, true)]
    [InlineData(FaxTone.V21Preamble, true)]
    [InlineData(FaxTone.Cng, false)]
    public async Task By_default_the_box_re_invites_when_the_answering_machine_on_its_line_signals(FaxTone tone, bool reinvites)
    {
        var (box, media, peer) = await Connected(new FaxOptions());
        await using (box)
        await using (peer)
        {
            media.Last!.HearAtNextFrame(tone, fromLine: true);
            await GatewayBox.Run(() => peer.Offers.Count > 0, TimeSpan.FromSeconds(reinvites ? 30 : 3), box);
            Assert.Equal(reinvites, peer.Offers.Contains("image"));

            // Either way the call is now a fax: the G.711 path runs with the fax adaptations.
            Assert.True(media.Last.FaxAdapted);
            Assert.Equal(PortState.Fax, box.Port("fxs0").State);
        }
    }

    [Fact]
    public async Task A_tone_from_the_network_does_not_make_the_box_re_invite()
    {
        var (box, media, peer) = await Connected(new FaxOptions());
        await using (box)
        await using (peer)
        {
            media.Last!.HearAtNextFrame(FaxTone.Ced, fromLine: false);
            await GatewayBox.Run(() => false, TimeSpan.FromSeconds(3), box);
            Assert.Empty(peer.Offers);
            Assert.True(media.Last.FaxAdapted);
        }
    }

    [Fact]
    public async Task An_unanswered_T38_re_invite_times_out_and_the_box_falls_back_to_G711_by_re_invite()
    {
        var (box, media, peer) = await Connected(new FaxOptions { T38Timeout = TimeSpan.FromSeconds(1) });
        await using (box)
        await using (peer)
        {
            // The peer sits on the T.38 offer for 3 s, then refuses it; the box gives up after 1 s.
            peer.Decide = async (_, token) =>
            {
                await Task.Delay(TimeSpan.FromSeconds(3), token);
                return SipOfferDecision.Refuse(488);
            };
            media.Last!.HearAtNextFrame(FaxTone.Ced, fromLine: true);
            Assert.True(await GatewayBox.Run(() => peer.Offers.Count == 2 && box.Gateway.PendingSignalling == 0, Limit, box), string.Join(",", peer.Offers));
            Assert.Equal(["image", "audio"], peer.Offers);
            Assert.Equal(CallMediaMode.G711Fax, media.Last.Mode);

            // Session refreshes are held while the fax runs (RFC 4028 refreshes would otherwise re-INVITE mid-page).
            Assert.All(box.Gateway.Accounts.SelectMany(a => a.UserAgent.Calls), c => Assert.True(c.IsFaxActive));

            box.Simulation.Phones["fxs0"].OnHook();
            Assert.True(await GatewayBox.Run(() => box.Status.Current.RecentFaxes.Length == 1, Limit, box));
            var record = box.Status.Current.RecentFaxes[0];
            Assert.Equal("T.38 re-INVITE timed out after 1 s", record.ModeReason);
            Assert.Equal(CallMediaMode.G711Fax, record.Mode);
            Assert.Equal(1, box.Status.Current.Counters.T38Fallbacks);
        }
    }

    [Fact]
    public async Task With_fallback_off_a_refused_T38_keeps_the_call_on_G711_without_another_re_invite()
    {
        var (box, media, peer) = await Connected(new FaxOptions { FallbackToG711 = false });
        await using (box)
        await using (peer)
        {
            media.Last!.HearAtNextFrame(FaxTone.Ced, fromLine: true);
            Assert.True(await GatewayBox.Run(() => peer.Offers.Count == 1 && box.Gateway.PendingSignalling == 0, Limit, box));
            await GatewayBox.Run(() => false, TimeSpan.FromSeconds(2), box);
            Assert.Equal(["image"], peer.Offers);
            Assert.Equal(CallMediaMode.G711Fax, media.Last.Mode);
        }
    }
}
