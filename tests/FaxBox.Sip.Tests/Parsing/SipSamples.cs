using System.Text;

namespace FaxBox.Sip.Tests.Parsing;

/// <summary>Typical call messages (INVITE with SDP, 200 OK, ACK, BYE) as a softswitch sends them; seeds for fuzzing and benchmarks.</summary>
internal static class SipSamples
{
    public static readonly byte[] Invite = Crlf("""
        INVITE sip:+4930123456@192.0.2.10:5060;transport=udp SIP/2.0
        Via: SIP/2.0/UDP 192.0.2.20:5060;branch=z9hG4bK-524287-1---a8e1d1c2b3f4;rport
        Max-Forwards: 70
        Contact: <sip:fax@192.0.2.20:5060;transport=udp>
        To: <sip:+4930123456@192.0.2.10>
        From: "FaxBox" <sip:fax@example.com>;tag=4fe7a1b2
        Call-ID: 5f1c2d3e4a5b6c7d8e9f0a1b2c3d4e5f@192.0.2.20
        CSeq: 1 INVITE
        Allow: INVITE, ACK, CANCEL, BYE, OPTIONS, PRACK, UPDATE, INFO
        Supported: 100rel, timer
        Session-Expires: 1800
        Content-Type: application/sdp
        User-Agent: FaxBox/1.0
        Content-Length: 227

        v=0
        o=- 3912345678 3912345678 IN IP4 192.0.2.20
        s=FaxBox
        c=IN IP4 192.0.2.20
        t=0 0
        m=audio 40000 RTP/AVP 0 8 101
        a=rtpmap:0 PCMU/8000
        a=rtpmap:8 PCMA/8000
        a=rtpmap:101 telephone-event/8000
        a=fmtp:101 0-15
        a=sendrecv

        """);

    public static readonly byte[] Ok = Crlf("""
        SIP/2.0 200 OK
        Via: SIP/2.0/UDP 192.0.2.20:5060;branch=z9hG4bK-524287-1---a8e1d1c2b3f4;rport=5060;received=192.0.2.20
        Record-Route: <sip:192.0.2.1;lr>
        Contact: <sip:+4930123456@192.0.2.10:5060>
        To: <sip:+4930123456@192.0.2.10>;tag=as7d3f2a1b
        From: "FaxBox" <sip:fax@example.com>;tag=4fe7a1b2
        Call-ID: 5f1c2d3e4a5b6c7d8e9f0a1b2c3d4e5f@192.0.2.20
        CSeq: 1 INVITE
        Server: Asterisk PBX 22.1.0
        Allow: INVITE, ACK, CANCEL, OPTIONS, BYE, REFER, SUBSCRIBE, NOTIFY, INFO, PUBLISH, MESSAGE
        Supported: replaces, timer
        Content-Type: application/sdp
        Content-Length: 0


        """);

    public static readonly byte[] Ack = Crlf("""
        ACK sip:+4930123456@192.0.2.10:5060 SIP/2.0
        Via: SIP/2.0/UDP 192.0.2.20:5060;branch=z9hG4bK-524287-1---77c2d1e0f9a8;rport
        Max-Forwards: 70
        Route: <sip:192.0.2.1;lr>
        To: <sip:+4930123456@192.0.2.10>;tag=as7d3f2a1b
        From: "FaxBox" <sip:fax@example.com>;tag=4fe7a1b2
        Call-ID: 5f1c2d3e4a5b6c7d8e9f0a1b2c3d4e5f@192.0.2.20
        CSeq: 1 ACK
        Content-Length: 0


        """);

    public static readonly byte[] Bye = Crlf("""
        BYE sip:+4930123456@192.0.2.10:5060 SIP/2.0
        Via: SIP/2.0/UDP 192.0.2.20:5060;branch=z9hG4bK-524287-1---0b1c2d3e4f5a;rport
        Max-Forwards: 70
        Route: <sip:192.0.2.1;lr>
        To: <sip:+4930123456@192.0.2.10>;tag=as7d3f2a1b
        From: "FaxBox" <sip:fax@example.com>;tag=4fe7a1b2
        Call-ID: 5f1c2d3e4a5b6c7d8e9f0a1b2c3d4e5f@192.0.2.20
        CSeq: 2 BYE
        User-Agent: FaxBox/1.0
        Content-Length: 0


        """);

    public static IReadOnlyList<byte[]> Calls { get; } = [Invite, Ok, Ack, Bye];

    private static byte[] Crlf(string text) => Encoding.UTF8.GetBytes(text.ReplaceLineEndings("\r\n"));
}
