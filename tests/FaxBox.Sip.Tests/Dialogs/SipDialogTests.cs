using FaxBox.Sip.Dialogs;
using FaxBox.Sip.Messages;
using FaxBox.Sip.Parsing;
using FaxBox.Sip.Tests.Parsing;

namespace FaxBox.Sip.Tests.Dialogs;

/// <summary>Dialog creation, loose and strict routing, CSeq order and the §14.1 glare back-off.</summary>
public sealed class SipDialogTests
{
    private static SipRequest Invite => (SipRequest)SipMessageParser.Parse(SipSamples.Invite).Message!;

    private static SipResponse Ok => (SipResponse)SipMessageParser.Parse(SipSamples.Ok).Message!;

    [Fact]
    public void Caller_dialog_routes_bye_through_record_route_loosely()
    {
        var dialog = SipDialog.CreateAsCaller(Invite, Ok);
        Assert.Equal("as7d3f2a1b", dialog.RemoteTag);
        Assert.Equal("4fe7a1b2", dialog.LocalTag);
        Assert.True(dialog.IsCaller);
        var bye = dialog.CreateRequest(SipMethods.Bye);
        Assert.Equal("sip:+4930123456@192.0.2.10:5060", bye.RequestUri.ToString());
        Assert.Equal("<sip:192.0.2.1;lr>", Assert.Single(bye.Headers.FindAll(SipHeaderNames.Route)).Value);
        Assert.Equal(new SipCSeq(2, SipMethods.Bye), bye.CSeq);
        Assert.Equal("sip:192.0.2.1;lr", SipDialog.NextHop(bye).ToString());
        Assert.True(dialog.Matches(Ok));
        var ack = dialog.CreateAck(1);
        Assert.Equal(new SipCSeq(1, SipMethods.Ack), ack.CSeq);
    }

    [Fact]
    public void Strict_router_becomes_the_request_uri_and_the_target_the_last_route()
    {
        var ok = Ok;
        ok.Headers.Set(SipHeaderNames.RecordRoute, "<sip:strict.example.com>, <sip:edge.example.com;lr>");
        var dialog = SipDialog.CreateAsCaller(Invite, ok);

        // Record-Route reversed for the caller: edge first (loose), so this one is loose-routed.
        var loose = dialog.CreateRequest(SipMethods.Bye);
        Assert.Equal("sip:+4930123456@192.0.2.10:5060", loose.RequestUri.ToString());

        var callee = SipDialog.CreateAsCallee(WithRecordRoute(Invite, "<sip:strict.example.com>, <sip:edge.example.com;lr>"), "mytag");
        var strict = callee.CreateRequest(SipMethods.Bye);
        Assert.Equal("sip:strict.example.com", strict.RequestUri.ToString());
        var routes = strict.Routes.Select(r => r.Uri.ToString()).ToList();
        Assert.Equal(["sip:edge.example.com;lr", "sip:fax@192.0.2.20:5060;transport=udp"], routes);
    }

    [Fact]
    public void Callee_dialog_checks_the_remote_cseq_order_and_refreshes_the_target()
    {
        var dialog = SipDialog.CreateAsCallee(Invite, "mytag");
        Assert.False(dialog.IsCaller);
        Assert.Equal("4fe7a1b2", dialog.RemoteTag);
        var reinvite = Invite;
        reinvite.CSeq = new SipCSeq(2, SipMethods.Invite);
        reinvite.Headers.Set(SipHeaderNames.Contact, "<sip:fax@192.0.2.77:5062>");
        Assert.True(dialog.AcceptRemoteSequence(reinvite));
        dialog.RefreshTarget(reinvite);
        Assert.Equal("sip:fax@192.0.2.77:5062", dialog.RemoteTarget.ToString());
        Assert.False(dialog.AcceptRemoteSequence(reinvite));
        var bye = dialog.CreateRequest(SipMethods.Bye);
        Assert.Equal("mytag", bye.From!.Tag);
        Assert.Equal("4fe7a1b2", bye.To!.Tag);
        Assert.Equal(1u, bye.CSeq!.Value.Number);
    }

    [Fact]
    public void Glare_backoff_ranges_follow_section_14_1()
    {
        var random = new Random(3);
        for (var i = 0; i < 1000; i++)
        {
            var owner = GlareBackoff.Next(true, random);
            Assert.InRange(owner.TotalMilliseconds, 2100, 4000);
            Assert.Equal(0, owner.TotalMilliseconds % 10);
            Assert.InRange(GlareBackoff.Next(false, random).TotalMilliseconds, 0, 2000);
        }
    }

    private static SipRequest WithRecordRoute(SipRequest request, string value)
    {
        request.Headers.Add(SipHeaderNames.RecordRoute, value);
        return request;
    }
}
