using System.Net;
using FaxBox.CallControl.Bridging;
using FaxBox.CallControl.Configuration;
using FaxBox.Core;
using FaxBox.Core.Status;
using FaxBox.Fax;
using FaxBox.Fax.Tones;
using FaxBox.Sip.Sdp;

namespace FaxBox.CallControl.Tests.Bridging;

/// <summary>Two call media back to back over UDP on 127.0.0.1 with engine fax machines on their lines.</summary>
public sealed class CallMediaTests
{
    [Fact]
    public void Sockets_are_bound_on_the_media_address_when_made_and_the_mode_is_none()
    {
        using var pair = new BridgePair();

        Assert.Equal(IPAddress.Loopback, pair.A.AudioEndPoint.Address);
        Assert.Equal(0, pair.A.AudioEndPoint.Port % 2); // RTP on the even port, RTCP on the next (RFC 3550 §11)
        Assert.NotEqual(pair.A.AudioEndPoint.Port, pair.A.ImageEndPoint.Port);
        Assert.NotEqual(pair.A.AudioEndPoint.Port, pair.B.AudioEndPoint.Port);
        Assert.Equal(CallMediaMode.None, pair.A.Mode);
    }

    [Fact]
    public void A_one_page_fax_crosses_G711_fax_pass_through_pixel_identical()
    {
        using var pair = new BridgePair();
        pair.UseG711(faxAdapted: true);

        pair.RunToEnd();

        Assert.True(pair.Sender.Result!.Success, pair.Sender.Result.T30Text);
        Assert.True(pair.Receiver.Result!.Success, pair.Receiver.Result.T30Text);
        Assert.Equal(1, pair.Receiver.Result.Statistics.PagesTransferred);
        Assert.Equal(CallMediaMode.G711Fax, pair.A.Mode);
        Assert.True(pair.CompareReceived().Identical);

        var a = pair.A.GetStatistics();
        var b = pair.B.GetStatistics();
        Assert.Equal(CallMediaMode.G711Fax, a.Mode);
        Assert.Equal(pair.Frames, a.Rtp.PacketsSent); // no VAD: one packet per frame
        Assert.InRange(b.Rtp.PacketsReceived, pair.Frames - 2, pair.Frames);
        Assert.Equal(0, a.Network.PacketsLost);
        Assert.Equal(0, b.Network.PacketsLost);
        Assert.Equal(FaxNetworkStatistics.None, a.Udptl);
        Assert.InRange(a.Network.JitterMilliseconds, 0, 20);
        Assert.Equal(TimeSpan.FromMilliseconds(20 * pair.Frames), a.Elapsed);
        if (pair.A.HasG711T30View)
        {
            Assert.Equal((1, true, "ok"), (a.Pages, a.Ecm, a.T30Result));
        }
        else
        {
            Assert.Equal(CallMedia.NoG711View, a.T30Result); // until the engine has a T.30 monitor: a named limitation
        }
    }

    [Fact]
    public void G711_fax_mode_uses_PCMA_when_payload_type_8_is_agreed()
    {
        using var pair = new BridgePair();
        pair.UseG711(faxAdapted: true, payloadType: 8);

        pair.RunToEnd();

        Assert.True(pair.Receiver.Result!.Success, pair.Receiver.Result.T30Text);
        Assert.True(pair.CompareReceived().Identical);
    }

    [Fact]
    public void Fax_tones_are_reported_once_per_tone_and_direction_with_media_time()
    {
        using var pair = new BridgePair();
        pair.UseG711(faxAdapted: true);

        pair.RunToEnd();

        var tones = pair.Tones;
        Assert.Contains(tones, t => t.Side == "a" && t.Event.Tone == FaxTone.Cng && t.Event.FromLine);
        Assert.Contains(tones, t => t.Side == "b" && t.Event.Tone == FaxTone.Cng && !t.Event.FromLine);
        Assert.Contains(tones, t => t.Side == "b" && t.Event.Tone == FaxTone.Ced && t.Event.FromLine);
        Assert.Contains(tones, t => t.Side == "a" && t.Event.Tone == FaxTone.Ced && !t.Event.FromLine);
        Assert.Contains(tones, t => t.Side == "b" && t.Event.Tone == FaxTone.V21Preamble && t.Event.FromLine);
        Assert.Contains(tones, t => t.Side == "a" && t.Event.Tone == FaxTone.V21Preamble && !t.Event.FromLine);
        Assert.All(tones.GroupBy(t => (t.Side, t.Event.Tone, t.Event.FromLine)), g => Assert.Single(g));

        // The answering machine's CED reaches A through B's jitter buffer: A hears it later than B does.
        var cedAtB = tones.Single(t => t.Side == "b" && t.Event.Tone == FaxTone.Ced).Event.At;
        var cedAtA = tones.Single(t => t.Side == "a" && t.Event.Tone == FaxTone.Ced).Event.At;
        Assert.True(cedAtA > cedAtB, $"CED at B {cedAtB}, at A {cedAtA}");
        Assert.InRange(cedAtB, TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(10));
    }

    [Fact]
    public void A_one_page_fax_is_relayed_over_T38_with_the_record_from_the_gateway()
    {
        using var pair = new BridgePair();
        pair.UseT38();
        long dcnAt = -1;
        long completeAt = -1;

        pair.RunToEnd(() =>
        {
            dcnAt = dcnAt < 0 && pair.A.GetStatistics().T30Result == "ok" ? pair.Frames : dcnAt;
            completeAt = completeAt < 0 && pair.A.FaxComplete ? pair.Frames : completeAt;
        });

        Assert.True(pair.Sender.Result!.Success, pair.Sender.Result.T30Text);
        Assert.True(pair.Receiver.Result!.Success, pair.Receiver.Result.T30Text);
        Assert.True(pair.CompareReceived().Identical);
        foreach (var media in new[] { pair.A, pair.B })
        {
            var s = media.GetStatistics();
            Assert.Equal(CallMediaMode.T38, s.Mode);
            Assert.Equal((1, 14400, true, "ok", true), (s.Pages, s.BitRate, s.Ecm, s.T30Result, s.T30Success));
            Assert.True(media.FaxComplete);
            Assert.True(s.Udptl.PacketsSent > 50, $"UDPTL sent {s.Udptl.PacketsSent}");
            Assert.True(s.Udptl.PacketsReceived > 50, $"UDPTL received {s.Udptl.PacketsReceived}");
            Assert.Equal(0, s.Udptl.PacketsLost);
            Assert.Equal(0, s.Udptl.RecoveredByRedundancy); // nothing lost on loopback, nothing to recover
            Assert.Equal(FaxNetworkStatistics.None, s.Rtp);
        }

        Assert.Equal(pair.A.GetStatistics().Udptl.PacketsSent, pair.B.GetStatistics().Udptl.PacketsReceived);
        Assert.True(dcnAt > 0 && completeAt - dcnAt >= 100, $"DCN seen at frame {dcnAt}, complete at {completeAt}: the gateway plays DCN out first");
    }

    [Fact]
    public void A_call_switches_from_audio_to_T38_after_CED_and_the_fax_completes()
    {
        using var pair = new BridgePair();
        pair.UseG711(faxAdapted: false);
        long switchAt = -1;
        pair.B.FaxToneDetected += (_, e) =>
        {
            if (e.FromLine && e.Tone == FaxTone.Ced && switchAt < 0)
            {
                switchAt = pair.Frames;
            }
        };

        // Call control re-INVITEs on CED from B's line; the re-INVITE takes 200 ms before both sides switch.
        pair.RunToEnd(() =>
        {
            if (switchAt >= 0 && pair.Frames == switchAt + 10)
            {
                pair.UseT38();
            }
        });

        Assert.True(switchAt > 0, "CED was heard on B's line");
        Assert.True(pair.Sender.Result!.Success, pair.Sender.Result.T30Text);
        Assert.True(pair.Receiver.Result!.Success, pair.Receiver.Result.T30Text);
        Assert.True(pair.CompareReceived().Identical);
        var a = pair.A.GetStatistics();
        Assert.Equal(CallMediaMode.T38, a.Mode);
        Assert.Equal((1, 14400, "ok"), (a.Pages, a.BitRate, a.T30Result));
        Assert.True(a.Rtp.PacketsSent > 0 && a.Rtp.PacketsSent < pair.Frames, $"RTP until the switch only: {a.Rtp.PacketsSent} of {pair.Frames}");
        Assert.True(a.Udptl.PacketsSent > 0);
        Assert.Equal(a.Rtp.PacketsSent + a.Udptl.PacketsSent, a.Network.PacketsSent);
        Assert.Equal(0, a.Network.PacketsLost);
    }

    [Fact]
    public void Stop_silences_the_line_and_sends_nothing_more()
    {
        using var pair = new BridgePair();
        pair.UseG711();
        for (int i = 0; i < 100; i++)
        {
            pair.Tick();
        }

        pair.A.Stop();
        pair.B.Stop();
        pair.Tick();
        long sent = pair.A.GetStatistics().Rtp.PacketsSent;
        var toLine = new short[AudioFrame.Samples];
        var tone = new short[AudioFrame.Samples];
        tone.AsSpan().Fill(8000);
        for (int i = 0; i < 50; i++)
        {
            toLine.AsSpan().Clear();
            pair.A.Exchange(tone, toLine);
            pair.B.Exchange(tone, toLine);
            Assert.All(toLine, s => Assert.Equal(0, s));
        }

        Assert.Equal(CallMediaMode.None, pair.A.Mode);
        Assert.Equal(sent, pair.A.GetStatistics().Rtp.PacketsSent);
    }

    [Fact]
    public void Mode_changes_take_effect_at_the_next_frame_not_before()
    {
        using var pair = new BridgePair();
        pair.A.UseAudio(pair.B.AudioEndPoint, 0, -1, faxAdapted: true);
        Assert.Equal(CallMediaMode.None, pair.A.Mode);
        pair.Tick();
        Assert.Equal(CallMediaMode.G711Fax, pair.A.Mode);

        pair.A.UseT38(pair.B.ImageEndPoint, BridgePair.DefaultT38);
        pair.A.Stop(); // the later request replaces the earlier one (whose gateway is freed) before the frame
        pair.Tick();
        Assert.Equal(CallMediaMode.None, pair.A.Mode);
    }

    [Theory]
    [InlineData(18, -1, "payloadType")]
    [InlineData(0, 42, "telephoneEventPayloadType")]
    public void Audio_other_than_G711_is_refused_naming_the_parameter(int payloadType, int events, string parameter)
    {
        using var pair = new BridgePair();
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => pair.A.UseAudio(pair.B.AudioEndPoint, payloadType, events, faxAdapted: true));
        Assert.Equal(parameter, error.ParamName);
    }

    [Fact]
    public void Wrong_fax_options_are_refused_with_their_key()
    {
        using var pair = new BridgePair();
        var ports = new FaxBox.Media.Net.MediaPortAllocator(new FaxBox.Media.Net.MediaPortRange { MinPort = 20000, MaxPort = 60999 }, IPAddress.Loopback);
        var error = Assert.Throws<GatewayConfigurationException>(() =>
            new CallMedia(new FaxOptions { ImageRedundancy = 9 }, new MediaOptions(), pair.Engine, ports, "bad"));
        Assert.Equal("fax.imageRedundancy", error.Key);
    }

    [Fact]
    public void After_Dispose_mode_changes_are_refused_Exchange_is_silent_and_statistics_remain()
    {
        var pair = new BridgePair();
        pair.UseG711();
        for (int i = 0; i < 20; i++)
        {
            pair.Tick();
        }

        pair.Dispose();

        Assert.Throws<ObjectDisposedException>(() => pair.A.UseAudio(pair.B.AudioEndPoint, 0, -1, true));
        var toLine = new short[AudioFrame.Samples];
        pair.A.Exchange(new short[AudioFrame.Samples], toLine);
        Assert.Equal(20, pair.A.GetStatistics().Rtp.PacketsSent);
        Assert.False(pair.A.GetStatistics().T30Success);
        Assert.Equal(CallMediaMode.None, pair.A.Mode);
        pair.A.Stop(); // harmless after Dispose
        pair.A.Dispose(); // twice is fine
    }

    [Fact]
    public void UDPTL_settings_follow_the_negotiated_session()
    {
        var fax = new FaxOptions { ControlRedundancy = 5, ImageRedundancy = 2 };
        var redundancy = CallMedia.UdptlOptionsFor(BridgePair.DefaultT38 with { RemoteMaxDatagram = 272 }, fax);
        Assert.Equal((FaxBox.Media.Udptl.UdptlErrorRecovery.Redundancy, 5, 2, 272), (redundancy.ErrorRecovery, redundancy.ControlRedundancy, redundancy.ImageRedundancy, redundancy.MaxDatagram));

        var fec = CallMedia.UdptlOptionsFor(BridgePair.DefaultT38 with { ErrorCorrection = T38ErrorCorrection.Fec, RemoteMaxDatagram = null }, fax);
        Assert.Equal((FaxBox.Media.Udptl.UdptlErrorRecovery.Fec, CallMedia.UnannouncedMaxDatagram), (fec.ErrorRecovery, fec.MaxDatagram));

        var none = CallMedia.UdptlOptionsFor(BridgePair.DefaultT38 with { ErrorCorrection = T38ErrorCorrection.None }, fax);
        Assert.Equal((0, 0), (none.ControlRedundancy, none.ImageRedundancy));

        var gateway = CallMedia.GatewayOptionsFor(BridgePair.DefaultT38 with { MaxBitRate = 9600, Version = 2, RateManagement = T38RateManagement.LocalTcf }, redundancy, new FaxOptions { Ecm = false }, "t");
        Assert.Equal((FaxModems.V27ter | FaxModems.V29, false, 2, false, 264), (gateway.Modems, gateway.Ecm, gateway.T38.Version, gateway.T38.TransferredTcf, gateway.T38.MaxDatagram));
        Assert.Equal(FaxModems.All, CallMedia.GatewayOptionsFor(BridgePair.DefaultT38, redundancy, fax, "t").Modems);
    }

    [Fact]
    public void Limitation_without_an_engine_T30_monitor_a_G711_fax_record_has_no_pages_and_says_why()
    {
        using var pair = new BridgePair(new NoMonitorEngine(new FaxBox.Fax.SpanDsp.SpanDspFaxEngine(Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance)));
        pair.UseG711(faxAdapted: true);

        pair.RunToEnd();

        Assert.True(pair.Receiver.Result!.Success, pair.Receiver.Result.T30Text); // the fax itself goes through
        Assert.False(pair.A.HasG711T30View);
        var s = pair.A.GetStatistics();
        Assert.Equal((0, 0, CallMedia.NoG711View, false), (s.Pages, s.BitRate, s.T30Result, s.T30Success));
        Assert.False(pair.A.FaxComplete);
    }

    [Fact]
    public void A_T38_fax_survives_5_percent_loss_each_way_with_redundancy_3_and_counts_the_recoveries()
    {
        var fax = new FaxOptions { ControlRedundancy = 3, ImageRedundancy = 3 };
        using var pair = new BridgePair(fax: fax);
        using var relay = new LossyRelay(pair.A.ImageEndPoint, pair.B.ImageEndPoint, lossPercent: 5, seed: 7);
        pair.Network = relay.Pump;
        pair.A.UseT38(relay.ForA, BridgePair.DefaultT38);
        pair.B.UseT38(relay.ForB, BridgePair.DefaultT38);

        pair.RunToEnd();

        Assert.True(pair.Receiver.Result!.Success, pair.Receiver.Result.T30Text);
        Assert.True(pair.CompareReceived().Identical);
        Assert.True(relay.Dropped > 10, $"the relay dropped {relay.Dropped} of {relay.Dropped + relay.Forwarded}");
        var a = pair.A.GetStatistics().Udptl;
        var b = pair.B.GetStatistics().Udptl;
        Assert.True(a.RecoveredByRedundancy + b.RecoveredByRedundancy > 0, $"recovered {a.RecoveredByRedundancy} at A, {b.RecoveredByRedundancy} at B");
        Assert.Equal(relay.Forwarded, a.PacketsReceived + b.PacketsReceived);
        Assert.Equal((1, "ok"), (pair.B.GetStatistics().Pages, pair.B.GetStatistics().T30Result));
    }
}
