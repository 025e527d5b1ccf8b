using System.Net;
using FaxBox.Sip.Sdp;

namespace FaxBox.Sip.Tests.Sdp;

/// <summary>Offer/answer rules (RFC 3264) and the T.38 negotiation rules (T.38 Annex D).</summary>
public sealed class SdpNegotiatorTests
{
    private static SdpNegotiator Box(bool preferT38 = true) =>
        new(new SdpMediaOptions { Address = IPAddress.Parse("192.0.2.5"), AudioPort = 40000, ImagePort = 40002, PreferT38 = preferT38 }, 1000);

    [Fact]
    public void Version_is_negotiated_down_and_bit_rate_capped()
    {
        var offer = VendorT38SdpTests.Load("audiocodes-2.sdp");
        var answer = Box().CreateAnswer(offer);
        Assert.Equal(SdpMediaKind.T38, answer.Session.Kind);
        Assert.Equal(0, answer.Session.T38!.Version);
        Assert.Equal(14400, answer.Session.T38.MaxBitRate);
        var image = answer.Description.Media.Single(m => m.Port != 0);
        Assert.Equal("0", image.GetAttribute("T38FaxVersion"));
        Assert.Equal("14400", image.GetAttribute("T38MaxBitRate"));
    }

    [Fact]
    public void Offer_with_audio_and_image_answers_image_and_rejects_audio()
    {
        var offer = VendorT38SdpTests.Load("didww-1.sdp");
        var answer = Box().CreateAnswer(offer);
        Assert.Equal(SdpMediaKind.T38, answer.Session.Kind);
        Assert.Equal(0, answer.Description.Media[0].Port);
        Assert.Equal("audio", answer.Description.Media[0].Media);
        Assert.Equal(40002, answer.Description.Media[1].Port);
        Assert.Equal(612, answer.Session.T38!.RemoteMaxDatagram);
        Assert.Equal(new IPEndPoint(IPAddress.Parse("46.19.209.78"), 13962), answer.Session.Remote);

        var audioFirst = Box(preferT38: false).CreateAnswer(offer);
        Assert.Equal(SdpMediaKind.Audio, audioFirst.Session.Kind);
        Assert.Equal(0, audioFirst.Session.AudioPayloadType);
        Assert.Equal(101, audioFirst.Session.TelephoneEventPayloadType);
        Assert.Equal(0, audioFirst.Description.Media[1].Port);
    }

    [Fact]
    public void Redundancy_is_chosen_when_offered_and_fec_accepted_alone()
    {
        var box = Box();
        var both = box.NegotiateT38(new SdpT38Parameters { ErrorCorrection = [T38ErrorCorrection.Fec, T38ErrorCorrection.Redundancy] });
        Assert.Equal(T38ErrorCorrection.Redundancy, both.ErrorCorrection);
        var fec = box.NegotiateT38(new SdpT38Parameters { ErrorCorrection = [T38ErrorCorrection.Fec] });
        Assert.Equal(T38ErrorCorrection.Fec, fec.ErrorCorrection);
        var none = box.NegotiateT38(new SdpT38Parameters());
        Assert.Equal(T38ErrorCorrection.None, none.ErrorCorrection);
    }

    [Fact]
    public void Answer_never_claims_fill_bit_removal_or_transcoding()
    {
        var answer = Box().CreateAnswer(VendorT38SdpTests.Load("carrier-1.sdp"));
        var image = answer.Description.Media[0];
        Assert.Null(image.Attributes.Find(a => a.Name.StartsWith("T38FaxTranscoding", StringComparison.Ordinal)));
        Assert.Null(image.Attributes.Find(a => a.Name == "T38FaxFillBitRemoval"));
        Assert.Equal("t38UDPRedundancy", image.GetAttribute("T38FaxUdpEC"));
        Assert.Equal("400", image.GetAttribute("T38FaxMaxDatagram"));
    }

    [Fact]
    public void Our_offer_is_read_back_from_an_answer_with_the_peers_datagram()
    {
        var box = Box();
        var offer = box.CreateOffer(SdpMediaKind.T38);
        var peer = new SdpNegotiator(new SdpMediaOptions { Address = IPAddress.Parse("192.0.2.9"), ImagePort = 5000, T38 = new SdpT38Parameters { MaxBitRate = 9600, MaxDatagram = 176, ErrorCorrection = [T38ErrorCorrection.Redundancy] } }, 5);
        var answer = peer.CreateAnswer(SdpSessionDescription.Parse(offer.ToString()));
        var session = box.ReadAnswer(offer, SdpSessionDescription.Parse(answer.Description.ToString()));
        Assert.Equal(SdpMediaKind.T38, session.Kind);
        Assert.Equal(176, session.T38!.RemoteMaxDatagram);
        Assert.Equal(9600, session.T38.MaxBitRate);
        Assert.Equal(new IPEndPoint(IPAddress.Parse("192.0.2.9"), 5000), session.Remote);
    }

    [Fact]
    public void Hold_directions_are_mirrored()
    {
        var peer = Box();
        var offer = peer.CreateOffer(SdpMediaKind.Audio, SdpDirection.SendOnly);
        var answer = Box().CreateAnswer(offer);
        Assert.Equal(SdpDirection.RecvOnly, answer.Session.Direction);
        Assert.Equal(SdpDirection.RecvOnly, answer.Description.Media[0].Direction);

        var old = SdpSessionDescription.Parse(offer.ToString().Replace("c=IN IP4 192.0.2.5", "c=IN IP4 0.0.0.0", StringComparison.Ordinal));
        old.Media[0].Direction = SdpDirection.SendRecv;
        var held = Box().CreateAnswer(old);
        Assert.Null(held.Session.Remote);
        Assert.Equal(SdpDirection.RecvOnly, held.Session.Direction);
    }

    [Fact]
    public void Origin_version_rises_only_when_the_description_changes()
    {
        var box = Box();
        var first = box.CreateOffer(SdpMediaKind.Audio);
        var same = box.CreateOffer(SdpMediaKind.Audio);
        Assert.Equal(first.Origin.SessionVersion, same.Origin.SessionVersion);
        var t38 = box.CreateOffer(SdpMediaKind.T38);
        Assert.Equal(first.Origin.SessionVersion + 1, t38.Origin.SessionVersion);
        Assert.Same(t38, box.LastLocal);
    }

    [Fact]
    public void Offer_can_carry_audio_and_image_lines()
    {
        var offer = Box().CreateOffer(SdpMediaKind.Audio, alsoT38: true);
        Assert.Equal(["audio", "image"], offer.Media.Select(m => m.Media));
        Assert.True(offer.Media[1].IsT38);
        Assert.Contains("m=image 40002 udptl t38\r\n", offer.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Malformed_t38_attribute_is_a_named_488()
    {
        var sdp = SdpSessionDescription.Parse("v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nc=IN IP4 192.0.2.1\r\nt=0 0\r\nm=image 4000 udptl t38\r\na=T38FaxVersion:x\r\n");
        var answer = Box().CreateAnswer(sdp);
        Assert.False(answer.IsAcceptable);
        Assert.Contains("T38FaxVersion", answer.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("o=- 1 1 IN IP4 x\r\n")]
    [InlineData("v=0\r\n")]
    [InlineData("v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\nm=audio x RTP/AVP 0\r\n")]
    [InlineData("v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\nbad line\r\n")]
    public void Malformed_sdp_is_an_error_with_the_line(string text)
    {
        Assert.False(SdpSessionDescription.TryParse(text, out _, out var error));
        Assert.False(string.IsNullOrEmpty(error));
    }
}
