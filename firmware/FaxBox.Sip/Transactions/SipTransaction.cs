using System.Net;
using FaxBox.Sip.Messages;
using FaxBox.Sip.Transport;

namespace FaxBox.Sip.Transactions;

/// <summary>
/// What the four RFC 3261 §17 machines share: the request, the hop, the state, and timers from the layer's
/// <see cref="TimeProvider"/> (one-shot timers, no polling). State changes happen under a lock; sends start inside it
/// and their failures are observed by the layer.
/// </summary>
public abstract class SipTransaction
{
    private readonly List<ITimer> _timers = [];

    private protected SipTransaction(SipTransactionLayer layer, SipRequest request, string key, ISipTransport transport, IPEndPoint remote)
    {
        Layer = layer;
        Request = request;
        Key = key;
        Transport = transport;
        Remote = remote;
    }

    public SipRequest Request { get; }

    /// <summary>The matching key (§17.1.3, §17.2.3).</summary>
    public string Key { get; }

    public SipTransactionState State { get; private protected set; }

    /// <summary>Where the transaction's messages go.</summary>
    public IPEndPoint Remote { get; }

    /// <summary>TCP and TLS: no retransmissions, zero-length wait timers (§17.1.1.2, §17.2.1).</summary>
    public bool IsReliable => Transport.Protocol != SipTransportProtocol.Udp;

    internal ISipTransport Transport { get; }

    private protected SipTransactionLayer Layer { get; }

    private protected object Gate { get; } = new();

    private protected SipTimerOptions Timers => Layer.TimerOptions;

    /// <summary>Starts a one-shot timer from the layer's clock; every timer stops when the transaction terminates.</summary>
    private protected void StartTimer(TimeSpan due, Action callback)
    {
        var timer = Layer.Time.CreateTimer(static s => ((Action)s!)(), callback, due, Timeout.InfiniteTimeSpan);
        _timers.Add(timer);
    }

    private protected void Send(byte[] bytes) => Layer.SendObserved(this, bytes);

    /// <summary>Enters Terminated, stops the timers and leaves the layer's table. Call under <see cref="Gate"/>.</summary>
    private protected void Terminate()
    {
        if (State == SipTransactionState.Terminated)
        {
            return;
        }

        State = SipTransactionState.Terminated;
        foreach (var t in _timers)
        {
            t.Dispose();
        }

        _timers.Clear();
        Layer.Remove(this);
    }

    /// <summary>A send failed (§17.1.4, §17.2.4): the transaction reports it and terminates.</summary>
    internal abstract void OnTransportError(Exception error);

    private protected static SipResponse Synthesize(SipRequest request, int status, string reason)
    {
        var response = new SipResponse(status, reason);
        foreach (var h in request.Headers)
        {
            if (h.CanonicalName is SipHeaderNames.Via or SipHeaderNames.From or SipHeaderNames.To or SipHeaderNames.CallId or SipHeaderNames.CSeq)
            {
                response.Headers.Add(h.Name, h.Value);
            }
        }

        response.Headers.Add(SipHeaderNames.ContentLength, "0");
        return response;
    }
}
