using System.Net;
using FaxBox.Sip.Messages;
using FaxBox.Sip.Transport;

namespace FaxBox.Sip.Transactions;

/// <summary>
/// A client transaction (RFC 3261 §17.1): the request is sent by the layer; provisional responses arrive through the
/// awaited <see cref="Provisional"/> callback, the final one completes <see cref="FinalResponse"/>. A timeout completes
/// it with a synthesized 408 and a transport error with 503 (§8.1.3.1, §17.1.4), so awaiting it never hangs.
/// </summary>
public abstract class SipClientTransaction : SipTransaction
{
    private readonly TaskCompletionSource<SipResponse> _final = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private protected SipClientTransaction(SipTransactionLayer layer, SipRequest request, string key, ISipTransport transport, IPEndPoint remote)
        : base(layer, request, key, transport, remote)
    {
        RequestBytes = request.ToBytes();
    }

    /// <summary>The first final response (2xx–6xx), or a synthesized 408 (timeout) / 503 (transport error).</summary>
    public Task<SipResponse> FinalResponse => _final.Task;

    /// <summary>Awaited for every 1xx (except 100 over a hop that already sent one is passed too). Exceptions are logged.</summary>
    public Func<SipResponse, ValueTask>? Provisional { get; set; }

    /// <summary>Set when the layer synthesized the final response (no response came).</summary>
    public bool TimedOut { get; private set; }

    private protected byte[] RequestBytes { get; }

    internal abstract void Start();

    /// <summary>Handles a response matched to this transaction; returns the responses the TU must see, in order.</summary>
    internal abstract SipResponse? OnResponse(SipResponse response, out bool isFinal);

    private protected void Complete(SipResponse response) => _final.TrySetResult(response);

    private protected void Timeout(string timer)
    {
        TimedOut = true;
        Layer.LogTimeout(this, timer);
        Complete(Synthesize(Request, SipStatusCodes.RequestTimeout, $"Request Timeout ({timer})"));
        Terminate();
    }

    internal override void OnTransportError(Exception error)
    {
        lock (Gate)
        {
            if (State == SipTransactionState.Terminated)
            {
                return;
            }

            TimedOut = true;
            Complete(Synthesize(Request, SipStatusCodes.ServiceUnavailable, "Transport Error"));
            Terminate();
        }
    }
}
