using System.Collections.Concurrent;
using System.Net;
using FaxBox.Sip.Calls;
using FaxBox.Sip.Dns;
using FaxBox.Sip.Messages;
using FaxBox.Sip.Parsing;
using FaxBox.Sip.Sdp;
using FaxBox.Sip.Tests.Fakes;
using FaxBox.Sip.Transactions;
using FaxBox.Sip.Transport;

namespace FaxBox.Sip.Tests.Calls;

/// <summary>
/// Several user agents on one in-memory UDP "network" and one manual clock. Sent datagrams queue up and are delivered by
/// <see cref="PumpAsync"/> (one at a time, awaited), so no send re-enters a receiver; a filter can drop or rewrite them.
/// </summary>
internal sealed class CallNetwork
{
    private readonly ConcurrentQueue<(byte[] Data, SipEndPoint From, IPEndPoint To)> _queue = new();
    private readonly SemaphoreSlim _signal = new(0);
    private readonly Dictionary<IPEndPoint, CallNode> _nodes = [];

    public ManualTimeProvider Clock { get; } = new();

    /// <summary>Every message delivered, in order, with where it went.</summary>
    public ConcurrentQueue<(SipMessage Message, IPEndPoint To)> Delivered { get; } = new();

    /// <summary>Returns the message to deliver (possibly changed) or null to drop it.</summary>
    public Func<SipMessage, IPEndPoint, SipMessage?>? Filter { get; set; }

    public CallNode Add(string address, SipUserAgentOptions? options = null, int seed = 1, SdpMediaOptions? media = null)
    {
        var local = new IPEndPoint(IPAddress.Parse(address), 5060);
        var node = new CallNode(this, local, options ?? new SipUserAgentOptions(), seed, media);
        _nodes[local] = node;
        return node;
    }

    internal void Enqueue(byte[] data, SipEndPoint from, IPEndPoint to)
    {
        _queue.Enqueue((data, from, to));
        _signal.Release();
    }

    /// <summary>Delivers queued messages until nothing has been sent for <paramref name="quietMs"/> ms (bounded).</summary>
    public async Task PumpAsync(int quietMs = 150)
    {
        for (var i = 0; i < 5_000; i++)
        {
            if (!await _signal.WaitAsync(quietMs))
            {
                return;
            }

            await DeliverOneAsync();
        }

        throw new InvalidOperationException("more than 5,000 messages in one pump: a message loop?");
    }

    /// <summary>Pumps until <paramref name="task"/> completes (at most 10 s), then until quiet; returns its result.</summary>
    public async Task<T> RunAsync<T>(Task<T> task)
    {
        for (var i = 0; i < 1_000 && !task.IsCompleted; i++)
        {
            if (await _signal.WaitAsync(10))
            {
                await DeliverOneAsync();
            }
        }

        Assert.True(task.IsCompleted, "the operation did not complete while pumping for 10 s");
        await PumpAsync();
        return await task;
    }

    public async Task RunAsync(Task task) => await RunAsync(task.ContinueWith(t => { t.GetAwaiter().GetResult(); return 0; }, TaskScheduler.Default));

    /// <summary>Moves the clock and delivers what the timers sent.</summary>
    public async Task AdvanceAsync(TimeSpan by)
    {
        Clock.Advance(by);
        await PumpAsync();
    }

    public List<SipMessage> DeliveredTo(CallNode node) => [.. Delivered.Where(d => d.To.Equals(node.Local)).Select(d => d.Message)];

    public List<SipRequest> Requests(string method) => [.. Delivered.Select(d => d.Message).OfType<SipRequest>().Where(r => r.Method == method)];

    public List<SipResponse> Responses(string method, int? status = null) =>
        [.. Delivered.Select(d => d.Message).OfType<SipResponse>().Where(r => r.CSeq!.Value.Method == method && (status is null || r.StatusCode == status))];

    private async Task DeliverOneAsync()
    {
        if (!_queue.TryDequeue(out var item))
        {
            return;
        }

        var parsed = SipMessageParser.Parse(item.Data);
        Assert.True(parsed.Success, $"a user agent sent an unparseable message: {parsed.Error}");
        var message = parsed.Message;
        if (Filter is { } filter)
        {
            var kept = filter(message, item.To);
            if (kept is null)
            {
                return;
            }

            message = kept;
        }

        Delivered.Enqueue((message, item.To));
        if (_nodes.TryGetValue(item.To, out var node))
        {
            await node.Transport.DeliverAsync(message.ToBytes(), item.From);
        }
    }

    /// <summary>The registrar-less locator never needs DNS here: every URI has an IP address.</summary>
    private sealed class NoDns : IDnsClient
    {
        public Task<DnsMessage> QueryAsync(string name, DnsRecordType type, CancellationToken cancellationToken) =>
            throw new InvalidOperationException($"unexpected DNS query {type} {name}");
    }

    internal sealed class CallNode
    {
        public CallNode(CallNetwork network, IPEndPoint local, SipUserAgentOptions options, int seed, SdpMediaOptions? media)
        {
            Local = local;
            Transport = new NetTransport(network, local);
            Layer = new SipTransactionLayer([Transport], network.Clock);
            Ua = new SipUserAgent(Layer, new SipServerLocator(new NoDns()), options, random: new Random(seed));
            Layer.Start();
            Negotiator = new SdpNegotiator(media ?? new SdpMediaOptions { Address = local.Address, AudioPort = 4000 + seed * 10, ImagePort = 4002 + seed * 10 }, (ulong)(1000 * seed));
        }

        public IPEndPoint Local { get; }

        public NetTransport Transport { get; }

        public SipTransactionLayer Layer { get; }

        public SipUserAgent Ua { get; }

        public SdpNegotiator Negotiator { get; }

        public SipUri Uri(string user = "fax") => SipUri.Parse($"sip:{user}@{Local.Address}:{Local.Port}");
    }

    internal sealed class NetTransport(CallNetwork network, IPEndPoint local) : ISipTransport
    {
        private ISipMessageHandler? _handler;

        public SipTransportProtocol Protocol => SipTransportProtocol.Udp;

        public SipEndPoint LocalEndPoint { get; } = new(SipTransportProtocol.Udp, local);

        public void Start(ISipMessageHandler handler) => _handler = handler;

        public ValueTask SendAsync(ReadOnlyMemory<byte> message, IPEndPoint remote, CancellationToken cancellationToken)
        {
            network.Enqueue(message.ToArray(), LocalEndPoint, remote);
            return ValueTask.CompletedTask;
        }

        public ValueTask DeliverAsync(byte[] data, SipEndPoint from) =>
            _handler!.OnMessageAsync(new SipTransportMessage(data, from, LocalEndPoint), CancellationToken.None);

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
