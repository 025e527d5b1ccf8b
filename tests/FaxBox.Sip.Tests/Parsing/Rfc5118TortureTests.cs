using FaxBox.Sip.Messages;
using FaxBox.Sip.Parsing;

namespace FaxBox.Sip.Tests.Parsing;

/// <summary>
/// RFC 5118 IPv6 torture messages: the wire copies (CRLF, right Content-Length) and the archive copies (bare LF).
/// Most are REGISTERs, which the box (not a registrar) answers 405, so the check is the message-level one.
/// </summary>
public sealed class Rfc5118TortureTests
{
    public static TheoryData<string> Names => TortureVectors.Names("rfc5118");

    [Theory]
    [MemberData(nameof(Names))]
    public void Wire_copy_gets_the_expected_verdict(string name)
    {
        var row = TortureVectors.Get("rfc5118", name);
        var verdict = SipMessageValidator.Check(File.ReadAllBytes(row.File(wire: true)), allowedMethods: SipMessageValidator.AnyKnownMethod);
        if (row.Expected == "accept")
        {
            Assert.True(verdict.IsAccepted, $"{name}: {verdict} {verdict.Detail}");
        }
        else
        {
            Assert.Equal(int.Parse(row.Answer, System.Globalization.CultureInfo.InvariantCulture), verdict.StatusCode);
        }
    }

    /// <summary>
    /// The archive copies use bare LF and, for 4.6/4.8, a Content-Length larger than the LF body: those two are rejected
    /// as a Content-Length error (the RFC's own archive quirk); every other one gets the same verdict as its wire copy.
    /// </summary>
    [Theory]
    [MemberData(nameof(Names))]
    public void Archive_copy_with_bare_lf(string name)
    {
        var row = TortureVectors.Get("rfc5118", name);
        var verdict = SipMessageValidator.Check(File.ReadAllBytes(row.File()), allowedMethods: SipMessageValidator.AnyKnownMethod);
        if (name is "ipv6-in-sdp" or "mult-ip-in-sdp")
        {
            Assert.Equal("Bad Content-Length", verdict.ReasonPhrase);
        }
        else
        {
            Assert.Equal(row.Expected == "accept", verdict.IsAccepted);
        }
    }

    [Fact]
    public void Ipv6_references_keep_brackets_and_ports()
    {
        var good = Request("ipv6-good");
        Assert.Equal("[2001:db8::10]", good.RequestUri.Host);
        Assert.Null(good.RequestUri.Port);
        Assert.Equal("[2001:db8::9:1]", good.TopVia!.Host);

        var ambiguous = Request("port-ambiguous");
        Assert.Equal("[2001:db8::10:5070]", ambiguous.RequestUri.Host);
        Assert.Null(ambiguous.RequestUri.Port);

        var unambiguous = Request("port-unambiguous");
        Assert.Equal("[2001:db8::10]", unambiguous.RequestUri.Host);
        Assert.Equal(5070, unambiguous.RequestUri.Port);
    }

    [Fact]
    public void Via_received_with_and_without_brackets()
    {
        Assert.Equal("[2001:db8::9:255]", Request("via-received-param-with-delim").TopVia!.Received);
        Assert.Equal("2001:db8::9:255", Request("via-received-param-no-delim").TopVia!.Received);
        var multi = Request("mult-ip-in-header");
        Assert.Equal(3, multi.Vias.Count);
        Assert.Equal("192.0.2.200", multi.Vias[2].Received);
    }

    private static SipRequest Request(string name)
    {
        var result = SipMessageParser.Parse(File.ReadAllBytes(TortureVectors.Get("rfc5118", name).File(wire: true)));
        Assert.True(result.Success, result.Error?.ToString());
        return Assert.IsType<SipRequest>(result.Message);
    }
}
