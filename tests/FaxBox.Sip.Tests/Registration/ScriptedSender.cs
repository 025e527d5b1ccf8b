using System.Net;
using System.Text;
using FaxBox.Sip.Dns;
using FaxBox.Sip.Messages;
using FaxBox.Sip.Parsing;
using FaxBox.Sip.Registration;
using FaxBox.Sip.Transport;

namespace FaxBox.Sip.Tests.Registration;

/// <summary>A request sender that records each request and answers from a script (per call: a response text, or an exception).</summary>
internal sealed class ScriptedSender : ISipRequestSender
{
    private readonly Queue<Func<SipRequest, SipTarget, SipResponse>> _script = new();

    public List<(SipRequest Request, SipTarget Target)> Sent { get; } = [];

    public void Then(Func<SipRequest, SipTarget, SipResponse> answer) => _script.Enqueue(answer);

    public void Then(int code, string reason, params string[] headers) => Then((request, _) => Respond(request, code, reason, headers));

    public void ThenThrow(Exception e) => Then((_, _) => throw e);

    public Task<SipResponse> SendAsync(SipRequest request, SipTarget target, CancellationToken cancellationToken)
    {
        Sent.Add((request, target));
        if (_script.Count == 0)
        {
            throw new InvalidOperationException($"unscripted request {Sent.Count}: {request}");
        }

        return Task.FromResult(_script.Dequeue()(request, target));
    }

    public SipEndPoint LocalEndPointFor(SipTarget target) => new(target.EndPoint.Protocol, new IPEndPoint(IPAddress.Loopback, 5099));

    public static SipResponse Respond(SipRequest request, int code, string reason, params string[] headers)
    {
        var text = new StringBuilder($"SIP/2.0 {code} {reason}\r\n");
        text.Append("Via: SIP/2.0/UDP 127.0.0.1:5099;branch=z9hG4bKscripted\r\n");
        text.Append($"From: {request.Headers.Get("From")}\r\nTo: {request.Headers.Get("To")};tag=reg\r\n");
        text.Append($"Call-ID: {request.CallId}\r\nCSeq: {request.CSeq}\r\n");
        foreach (string header in headers)
        {
            text.Append(header).Append("\r\n");
        }

        text.Append("Content-Length: 0\r\n\r\n");
        var parsed = SipMessageParser.Parse(Encoding.ASCII.GetBytes(text.ToString()));
        return parsed.Message as SipResponse ?? throw new InvalidOperationException($"scripted response does not parse: {parsed.Error}");
    }
}
