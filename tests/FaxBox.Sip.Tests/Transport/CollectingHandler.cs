using System.Text;
using System.Threading.Channels;
using FaxBox.Sip.Transport;

namespace FaxBox.Sip.Tests.Transport;

/// <summary>Collects what a transport hands on; waits are bounded so a missing message fails the test instead of hanging it.</summary>
internal sealed class CollectingHandler : ISipMessageHandler
{
    private readonly Channel<SipTransportMessage> _messages = Channel.CreateUnbounded<SipTransportMessage>();

    public Func<SipTransportMessage, ValueTask>? OnEach { get; set; }

    public async ValueTask OnMessageAsync(SipTransportMessage message, CancellationToken cancellationToken)
    {
        await _messages.Writer.WriteAsync(message, cancellationToken);
        if (OnEach is not null)
        {
            await OnEach(message);
        }
    }

    public async Task<SipTransportMessage> NextAsync(TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(10));
        return await _messages.Reader.ReadAsync(cts.Token);
    }

    public async Task<string> NextTextAsync(TimeSpan? timeout = null) => Encoding.ASCII.GetString((await NextAsync(timeout)).Data.Span);

    public bool TryTake(out SipTransportMessage? message) => _messages.Reader.TryRead(out message);
}
