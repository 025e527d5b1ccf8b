using System.Net;
using FaxBox.Sip.Messages;
using FaxBox.Sip.Transport;

namespace FaxBox.Sip.Transactions;

/// <summary>
/// The non-INVITE client transaction (RFC 3261 §17.1.2, Figure 6): Timer E retransmits over UDP (T1 doubling to T2;
/// T2 once Proceeding), Timer F (64·T1) times out, Timer K (T4 over UDP, zero over TCP/TLS) absorbs retransmissions.
/// </summary>
public sealed class NonInviteClientTransaction : SipClientTransaction
{
    private TimeSpan _interval;

    internal NonInviteClientTransaction(SipTransactionLayer layer, SipRequest request, string key, ISipTransport transport, IPEndPoint remote)
        : base(layer, request, key, transport, remote)
    {
        State = SipTransactionState.Trying;
    }

    internal override void Start()
    {
        lock (Gate)
        {
            Send(RequestBytes);
            if (!IsReliable)
            {
                _interval = Timers.T1;
                StartTimer(_interval, OnTimerE);
            }

            StartTimer(Timers.TransactionTimeout, OnTimerF);
        }
    }

    private void OnTimerE()
    {
        lock (Gate)
        {
            if (State is not (SipTransactionState.Trying or SipTransactionState.Proceeding))
            {
                return;
            }

            Send(RequestBytes);
            _interval = State == SipTransactionState.Proceeding ? Timers.T2 : TimeSpan.FromTicks(Math.Min(2 * _interval.Ticks, Timers.T2.Ticks));
            StartTimer(_interval, OnTimerE);
        }
    }

    private void OnTimerF()
    {
        lock (Gate)
        {
            if (State is SipTransactionState.Trying or SipTransactionState.Proceeding)
            {
                Timeout("Timer F");
            }
        }
    }

    internal override SipResponse? OnResponse(SipResponse response, out bool isFinal)
    {
        lock (Gate)
        {
            isFinal = false;
            if (State is not (SipTransactionState.Trying or SipTransactionState.Proceeding))
            {
                return null;
            }

            if (response.IsProvisional)
            {
                State = SipTransactionState.Proceeding;
                return response;
            }

            State = SipTransactionState.Completed;
            isFinal = true;
            Complete(response);
            StartTimer(IsReliable ? TimeSpan.Zero : Timers.T4, OnTimerK);
            return response;
        }
    }

    private void OnTimerK()
    {
        lock (Gate)
        {
            Terminate();
        }
    }
}
