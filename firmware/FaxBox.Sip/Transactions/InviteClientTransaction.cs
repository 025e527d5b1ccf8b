using System.Net;
using FaxBox.Sip.Messages;
using FaxBox.Sip.Transport;

namespace FaxBox.Sip.Transactions;

/// <summary>
/// The INVITE client transaction (RFC 3261 §17.1.1, Figure 5, with the Accepted state of RFC 6026 §8.4): Timer A
/// retransmits over UDP (T1, doubling), Timer B (64·T1) times out while no provisional came, a non-2xx is ACKed here and absorbed for Timer D,
/// a 2xx terminates into Accepted where retransmitted 2xx go to <see cref="SuccessRetransmitted"/> (the dialog re-ACKs)
/// until Timer M (64·T1).
/// </summary>
public sealed class InviteClientTransaction : SipClientTransaction
{
    private TimeSpan _interval;
    private byte[]? _ack;

    internal InviteClientTransaction(SipTransactionLayer layer, SipRequest request, string key, ISipTransport transport, IPEndPoint remote)
        : base(layer, request, key, transport, remote)
    {
        State = SipTransactionState.Calling;
    }

    /// <summary>Awaited for each further 2xx (retransmission or a forked answer) while Accepted: the TU sends ACK again.</summary>
    public Func<SipResponse, ValueTask>? SuccessRetransmitted { get; set; }

    internal override void Start()
    {
        lock (Gate)
        {
            Send(RequestBytes);
            if (!IsReliable)
            {
                _interval = Timers.T1;
                StartTimer(_interval, OnTimerA);
            }

            StartTimer(Timers.TransactionTimeout, OnTimerB);
        }
    }

    private void OnTimerA()
    {
        lock (Gate)
        {
            if (State != SipTransactionState.Calling)
            {
                return;
            }

            Send(RequestBytes);
            _interval += _interval;
            StartTimer(_interval, OnTimerA);
        }
    }

    /// <summary>
    /// Timer B runs only while Calling (§17.1.1.2): once a provisional response arrived the INVITE may ring for minutes,
    /// and the TU bounds it (its ring limit, then CANCEL and <see cref="TimeOutAfter"/>).
    /// </summary>
    private void OnTimerB()
    {
        lock (Gate)
        {
            if (State is SipTransactionState.Calling)
            {
                Timeout("Timer B");
            }
        }
    }

    /// <summary>
    /// Completes the transaction with a synthesized 408 after <paramref name="wait"/> unless a final response came first:
    /// the TU's bound on a ringing INVITE, e.g. 64·T1 after its CANCEL (RFC 3261 §9.1).
    /// </summary>
    public void TimeOutAfter(TimeSpan wait, string reason)
    {
        lock (Gate)
        {
            if (State is not (SipTransactionState.Calling or SipTransactionState.Proceeding))
            {
                return;
            }

            StartTimer(wait, () =>
            {
                lock (Gate)
                {
                    if (State is SipTransactionState.Calling or SipTransactionState.Proceeding)
                    {
                        Timeout(reason);
                    }
                }
            });
        }
    }

    internal override SipResponse? OnResponse(SipResponse response, out bool isFinal)
    {
        lock (Gate)
        {
            isFinal = false;
            switch (State)
            {
                case SipTransactionState.Calling or SipTransactionState.Proceeding when response.IsProvisional:
                    State = SipTransactionState.Proceeding;
                    return response;
                case SipTransactionState.Calling or SipTransactionState.Proceeding when response.IsSuccess:
                    State = SipTransactionState.Accepted;
                    StartTimer(Timers.TransactionTimeout, OnTimerM);
                    isFinal = true;
                    Complete(response);
                    return response;
                case SipTransactionState.Calling or SipTransactionState.Proceeding:
                    State = SipTransactionState.Completed;
                    _ack = CreateAck(response).ToBytes();
                    Send(_ack);
                    StartTimer(IsReliable ? TimeSpan.Zero : Timers.TimerD, OnTimerD);
                    isFinal = true;
                    Complete(response);
                    return response;
                case SipTransactionState.Completed when !response.IsProvisional && !response.IsSuccess:
                    Send(_ack!);
                    return null;
                case SipTransactionState.Accepted when response.IsSuccess:
                    return response;
                default:
                    return null;
            }
        }
    }

    private void OnTimerD()
    {
        lock (Gate)
        {
            Terminate();
        }
    }

    private void OnTimerM()
    {
        lock (Gate)
        {
            Terminate();
        }
    }

    /// <summary>The ACK for a non-2xx final response (§17.1.1.3): same Request-URI, Call-ID, From, top Via, Route; To from the response.</summary>
    private SipRequest CreateAck(SipResponse response)
    {
        var ack = new SipRequest(SipMethods.Ack, Request.RequestUri.Clone());
        ack.Headers.Add(SipHeaderNames.Via, Request.TopVia!.ToString());
        ack.Headers.Add(SipHeaderNames.MaxForwards, "70");
        foreach (var h in Request.Headers.FindAll(SipHeaderNames.Route))
        {
            ack.Headers.Add(h.Name, h.Value);
        }

        ack.Headers.Add(SipHeaderNames.From, Request.Headers.Get(SipHeaderNames.From)!);
        ack.Headers.Add(SipHeaderNames.To, response.Headers.Get(SipHeaderNames.To)!);
        ack.Headers.Add(SipHeaderNames.CallId, Request.CallId!);
        ack.Headers.Add(SipHeaderNames.CSeq, new SipCSeq(Request.CSeq!.Value.Number, SipMethods.Ack).ToString());
        ack.Headers.Add(SipHeaderNames.ContentLength, "0");
        return ack;
    }
}
