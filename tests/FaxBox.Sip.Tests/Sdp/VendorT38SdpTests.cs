using System.Text;
using FaxBox.Sip.Messages;
using FaxBox.Sip.Parsing;
using FaxBox.Sip.Sdp;
using FaxBox.Testing;

namespace FaxBox.Sip.Tests.Sdp;

/// <summary>T.38 SDP bodies as real vendors sent them (shared vectors/t38-sdp): parse, read T.38, answer.</summary>
public sealed class VendorT38SdpTests
{
    public static TheoryData<string> Files()
    {
        var data = new TheoryData<string>();
        foreach (var line in File.ReadAllLines(TestPaths.SharedFile("vectors/t38-sdp/MANIFEST.tsv")).Skip(1).Where(l => l.Length > 0))
        {
            data.Add(line.Split('\t')[0]);
        }

        return data;
    }

    /// <summary>Loads a vector; media-level fragments (no v=) get a minimal session header.</summary>
    internal static SdpSessionDescription Load(string file)
    {
        var text = File.ReadAllText(TestPaths.SharedFile("vectors/t38-sdp/" + file));
        if (!text.StartsWith("v=", StringComparison.Ordinal))
        {
            text = "v=0\r\no=- 1 1 IN IP4 192.0.2.99\r\ns=-\r\nc=IN IP4 192.0.2.99\r\nt=0 0\r\n" + text;
        }

        Assert.True(SdpSessionDescription.TryParse(text, out var sdp, out var error), $"{file}: {error}");
        return sdp;
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Parses_and_round_trips(string file)
    {
        var sdp = Load(file);
        Assert.NotEmpty(sdp.Media);
        var again = SdpSessionDescription.Parse(sdp.ToString());
        Assert.Equal(sdp.ToString(), again.ToString());
        foreach (var m in sdp.Media.Where(m => m.IsT38))
        {
            Assert.NotNull(m.GetT38(out var error));
            Assert.Null(error);
        }
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Answer_is_t38_audio_or_a_named_488(string file)
    {
        var sdp = Load(file);
        var negotiator = new SdpNegotiator(new SdpMediaOptions { AudioPort = 40000, ImagePort = 40002 }, 7);
        var answer = negotiator.CreateAnswer(sdp);
        Assert.Equal(sdp.Media.Count, answer.Description.Media.Count);
        var expected = file switch
        {
            // rtpengine's image over RTP/AVP and Cisco's audio over udptl carry no usable stream.
            "rtpengine-1.sdp" or "cisco-3.sdp" => SdpMediaKind.None,

            // Port-0 image in a capabilities answer: audio port 0 too.
            "cisco-4.sdp" or "patton-1.sdp" => SdpMediaKind.None,

            // T.38 only as an RTP payload (AudioCodes): the box answers the G.711/G.729 audio line with what it has.
            "audiocodes-1.sdp" => SdpMediaKind.None,
            _ => SdpMediaKind.T38,
        };
        Assert.True(expected == answer.Session.Kind, $"{file}: {answer.Session.Kind} ({answer.Reason})");
        if (expected == SdpMediaKind.None)
        {
            Assert.False(answer.IsAcceptable);
            Assert.NotNull(answer.Reason);
            Assert.All(answer.Description.Media, m => Assert.Equal(0, m.Port));
        }
    }

    [Fact]
    public void Attribute_spellings_and_booleans_are_read()
    {
        var vocal = Load("vocal-1.sdp").Media[0].GetT38(out _)!;
        Assert.Equal(9600, vocal.MaxBitRate);
        Assert.Equal([T38ErrorCorrection.Redundancy], vocal.ErrorCorrection);
        Assert.Equal("T38FaxMaxIFP", Assert.Single(vocal.Other).Name);

        var carrier = Load("carrier-1.sdp").Media[0].GetT38(out _)!;
        Assert.True(carrier.TranscodingMmr);
        Assert.True(carrier.TranscodingJbig);
        Assert.Equal([T38ErrorCorrection.Redundancy, T38ErrorCorrection.Fec], carrier.ErrorCorrection);
        Assert.Equal(1, carrier.Version);

        var cisco = Load("cisco-1.sdp").Media[0].GetT38(out _)!;
        Assert.False(cisco.FillBitRemoval);
        Assert.Equal(7200, cisco.MaxBitRate);

        var freeswitch = Load("freeswitch-1.sdp").Media.Single(m => m.IsT38).GetT38(out _)!;
        Assert.True(freeswitch.FillBitRemoval);
        Assert.Equal(400, freeswitch.MaxDatagram);

        var audiocodes = Load("audiocodes-1.sdp").Media[0].GetT38(out _)!;
        Assert.Equal(122, audiocodes.MaxDatagram);
        Assert.Equal(3000, audiocodes.MaxBuffer);
    }

    [Fact]
    public void Asterisk_reinvite_sdp_gives_datagram_1400_with_redundancy()
    {
        var text = File.ReadAllText(TestPaths.SharedFile("captures/asterisk-t38-reinvite.txt"));
        var message = SipMessageParser.Parse(Encoding.UTF8.GetBytes(text.ReplaceLineEndings("\r\n"))).Message!;
        var sdp = SdpSessionDescription.Parse(message.BodyText);
        var t38 = sdp.Media.Single(m => m.IsT38).GetT38(out _)!;
        Assert.Equal(1400, t38.MaxDatagram);
        Assert.Equal(T38ErrorCorrection.Redundancy, t38.PreferredErrorCorrection);
        Assert.Equal(SipMethods.Invite, ((SipRequest)message).Method);
    }
}
