using System.Text;
using FaxBox.Sip.Messages;
using FaxBox.Sip.Parsing;
using FaxBox.Testing;

namespace FaxBox.Sip.Tests.Parsing;

/// <summary>The SIP Asterisk 22 sent in the shared captures parses, passes the UAS checks and serializes to the same octets.</summary>
public sealed class CaptureRoundTripTests
{
    [Theory]
    [InlineData("asterisk-t38-ecm-1page.pcapng", 12)]
    [InlineData("asterisk-t38-nonecm-2pages.pcapng", 12)]
    [InlineData("asterisk-g711-fax-1page.pcapng", 6)]
    public void Every_sip_datagram_parses_and_round_trips_byte_exact(string file, int expected)
    {
        var sip = PcapngUdpReader.Read(TestPaths.SharedFile("captures/" + file))
            .Where(p => IsSip(p.Payload))
            .ToList();
        Assert.Equal(expected, sip.Count);
        foreach (var (_, _, payload) in sip)
        {
            var result = SipMessageParser.Parse(payload);
            Assert.True(result.Success, result.Error?.ToString());
            Assert.Equal(payload, result.Message.ToBytes());
            var verdict = result.Message is SipRequest r ? SipMessageValidator.Check(r) : SipMessageValidator.Check((SipResponse)result.Message);
            Assert.True(verdict.IsAccepted, verdict.ToString() + " " + verdict.Detail);
        }

        Assert.Contains(sip, p => Encoding.ASCII.GetString(p.Payload).StartsWith("INVITE ", StringComparison.Ordinal) && Encoding.ASCII.GetString(p.Payload).Contains("m=image", StringComparison.Ordinal) || file.Contains("g711", StringComparison.Ordinal));
    }

    [Fact]
    public void Asterisk_t38_reinvite_text_parses_with_its_sdp()
    {
        var text = File.ReadAllText(TestPaths.SharedFile("captures/asterisk-t38-reinvite.txt"));
        var bytes = Encoding.UTF8.GetBytes(text.ReplaceLineEndings("\r\n"));
        var result = SipMessageParser.Parse(bytes);
        Assert.True(result.Success, result.Error?.ToString());
        var request = Assert.IsType<SipRequest>(result.Message);
        Assert.Equal(SipMethods.Invite, request.Method);
        Assert.Equal("c5c2297a-e20b-4015-9c71-dbc75857c1ae", request.To!.Tag);
        Assert.Equal(26356u, request.CSeq!.Value.Number);
        Assert.Contains("T38FaxMaxDatagram:1400", request.BodyText, StringComparison.Ordinal);
        Assert.Equal(SipMessageParser.Parse(request.ToBytes()).Message!.ToBytes(), request.ToBytes());
    }

    private static bool IsSip(byte[] payload)
    {
        var text = Encoding.ASCII.GetString(payload, 0, Math.Min(payload.Length, 200));
        var firstLine = text.Split('\n')[0];
        return firstLine.Contains("SIP/2.0", StringComparison.Ordinal);
    }
}
