using System.Collections.Concurrent;
using System.Net;
using System.Text;
using FaxBox.Sip.Messages;
using FaxBox.Sip.Parsing;
using FaxBox.Sip.Transport;

namespace FaxBox.Sip.Tests.Fakes;

/// <summary>An <see cref="ISipTransport"/> in memory: records what is sent and injects what "arrives".</summary>
internal sealed class InMemorySipTransport(SipTransportProtocol protocol, IPEndPoint local) : ISipTransport
{
    private ISipMessageHandler? _handler;

    public SipTransportProtocol Protocol { get; } = protocol;

    public SipEndPoint LocalEndPoint { get; } = new(protocol, local);

    public ConcurrentQueue<(SipMessage Message, IPEndPoint Remote)> Sent { get; } = new();

    /// <summary>When set, called with each message inside <see cref="SendAsync"/>: a peer that answers before the send returns.</summary>
    public Func<SipMessage, IPEndPoint, ValueTask>? AnswerDuringSend { get; set; }

    /// <summary>When set, every send throws this (a dead peer).</summary>
    public Exception? FailSends { get; set; }

    public void Start(ISipMessageHandler handler) => _handler = handler;

    public ValueTask SendAsync(ReadOnlyMemory<byte> message, IPEndPoint remote, CancellationToken cancellationToken)
    {
        if (FailSends is { } e)
        {
            throw e;
        }

        var parsed = SipMessageParser.Parse(message.Span);
        Assert.True(parsed.Success, $"the layer sent an unparseable message: {parsed.Error}");
        Sent.Enqueue((parsed.Message, remote));
        return AnswerDuringSend is { } answer ? answer(parsed.Message, remote) : ValueTask.CompletedTask;
    }

    public ValueTask ReceiveAsync(string text, IPEndPoint remote) => ReceiveAsync(Encoding.UTF8.GetBytes(text.ReplaceLineEndings("\r\n")), remote);

    public ValueTask ReceiveAsync(byte[] bytes, IPEndPoint remote) =>
        _handler!.OnMessageAsync(new SipTransportMessage(bytes, new SipEndPoint(Protocol, remote), LocalEndPoint), CancellationToken.None);

    public List<SipMessage> Drain()
    {
        var list = new List<SipMessage>();
        while (Sent.TryDequeue(out var item))
        {
            list.Add(item.Message);
        }

        return list;
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
