using System.Globalization;
using System.Net;
using FaxBox.Sip.Messages;
using FaxBox.Sip.Tests.Fakes;
using FaxBox.Sip.Transactions;
using FaxBox.Sip.Transport;

namespace FaxBox.Sip.Tests.Transactions;

/// <summary>A transaction layer on an in-memory transport and a manual clock, with a peer at 192.0.2.9:5070.</summary>
internal sealed class TransactionHarness
{
    public static readonly IPEndPoint Local = new(IPAddress.Parse("192.0.2.5"), 5060);
    public static readonly IPEndPoint Peer = new(IPAddress.Parse("192.0.2.9"), 5070);

    public TransactionHarness(SipTransportProtocol protocol = SipTransportProtocol.Udp)
    {
        Transport = new InMemorySipTransport(protocol, Local);
        Layer = new SipTransactionLayer([Transport], Clock) { User = User };
        Layer.Start();
        PeerEndPoint = new SipEndPoint(protocol, Peer);
    }

    public ManualTimeProvider Clock { get; } = new();

    public InMemorySipTransport Transport { get; }

    public RecordingTransactionUser User { get; } = new();

    public SipTransactionLayer Layer { get; }

    public SipEndPoint PeerEndPoint { get; }

    public static SipRequest NewRequest(string method, uint cseq = 1)
    {
        var request = new SipRequest(method, SipUri.Parse("sip:fax@192.0.2.9:5070"));
        request.Headers.Add(SipHeaderNames.From, "<sip:box@192.0.2.5>;tag=boxtag");
        request.Headers.Add(SipHeaderNames.To, "<sip:fax@192.0.2.9>");
        request.Headers.Add(SipHeaderNames.CallId, "call-1@192.0.2.5");
        request.Headers.Add(SipHeaderNames.CSeq, $"{cseq} {method}");
        return request;
    }

    /// <summary>A response from the peer to <paramref name="request"/> (To tag "peertag" on non-100).</summary>
    public static string ResponseTo(SipRequest request, int status, string reason)
    {
        var to = request.Headers.Get(SipHeaderNames.To)!;
        if (status > 100 && !to.Contains("tag=", StringComparison.Ordinal))
        {
            to += ";tag=peertag";
        }

        return $"SIP/2.0 {status.ToString(CultureInfo.InvariantCulture)} {reason}\r\n"
            + $"Via: {request.Headers.Get(SipHeaderNames.Via)}\r\n"
            + $"From: {request.Headers.Get(SipHeaderNames.From)}\r\n"
            + $"To: {to}\r\n"
            + $"Call-ID: {request.CallId}\r\n"
            + $"CSeq: {request.CSeq}\r\n"
            + "Content-Length: 0\r\n\r\n";
    }

    /// <summary>A request from the peer.</summary>
    public static string PeerRequest(string method, string branch = "z9hG4bKpeer1", uint cseq = 1, string? toTag = null, string cseqMethod = "") =>
        $"{method} sip:box@192.0.2.5 SIP/2.0\r\n"
        + $"Via: SIP/2.0/UDP 10.0.0.9:5070;branch={branch};rport\r\n"
        + "Max-Forwards: 70\r\n"
        + "From: <sip:fax@192.0.2.9>;tag=peertag\r\n"
        + $"To: <sip:box@192.0.2.5>{(toTag is null ? string.Empty : ";tag=" + toTag)}\r\n"
        + "Call-ID: peer-call@192.0.2.9\r\n"
        + $"CSeq: {cseq.ToString(CultureInfo.InvariantCulture)} {(cseqMethod.Length > 0 ? cseqMethod : method)}\r\n"
        + "Contact: <sip:fax@192.0.2.9:5070>\r\n"
        + "Content-Length: 0\r\n\r\n";
}
