using System.Net;
using FaxBox.Sip.Messages;
using FaxBox.Sip.Transport;

namespace FaxBox.Sip.Transactions;

/// <summary>
/// The INVITE server transaction (RFC 3261 §17.2.1, Figure 7, with the Accepted state of RFC 6026 §7.1): 100 Trying at
/// once; a non-2xx is retransmitted by Timer G (T1 doubling to T2, UDP) until the ACK or Timer H (64·T1), then Timer I
/// (T4 / zero) absorbs ACKs. A 2xx is retransmitted the same way until the dialog reports the ACK
/// (<see cref="AcknowledgeSuccess"/>) or Timer L (64·T1) fires <see cref="SuccessNotAcknowledged"/> (the dialog sends BYE, §13.3.1.4).
/// </summary>
public sealed class InviteServerTransaction : SipServerTransaction
{
    private byte[]? _lastBytes;
    private TimeSpan _interval;

    internal InviteServerTransaction(SipTransactionLayer layer, SipRequest request, string key, ISipTransport transport, IPEndPoint remote, SipTransportMessage source)
        : base(layer, request, key, transport, remote, source)
    {
        State = SipTransactionState.Proceeding;
    }

    /// <summary>Awaited when a 2xx was never acknowledged within 64·T1.</summary>
    public Func<ValueTask>? SuccessNotAcknowledged { get; set; }

    /// <summary>Completed with the ACK for a 2xx (reported by the dialog) or the ACK of a non-2xx.</summary>
    public bool Acknowledged { get; private set; }

    internal void SendTrying()
    {
        var trying = CreateResponse(SipStatusCodes.Trying);
        lock (Gate)
        {
            LastResponse = trying;
            _lastBytes = trying.ToBytes();
            Send(_lastBytes);
        }
    }

    public override void SendResponse(SipResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        lock (Gate)
        {
            if (State != SipTransactionState.Proceeding)
            {
                throw new InvalidOperationException($"INVITE transaction is {State}: a final response was already sent");
            }

            LastResponse = response;
            _lastBytes = response.ToBytes();
            Send(_lastBytes);
            if (response.IsProvisional)
            {
                return;
            }

            State = response.IsSuccess ? SipTransactionState.Accepted : SipTransactionState.Completed;
            if (!IsReliable)
            {
                _interval = Timers.T1;
                StartTimer(_interval, OnTimerG);
            }

            StartTimer(Timers.TransactionTimeout, OnTimerH);
        }
    }

    /// <summary>The dialog got the ACK for this transaction's 2xx: stop retransmitting it.</summary>
    public void AcknowledgeSuccess()
    {
        lock (Gate)
        {
            Acknowledged = true;
            if (State == SipTransactionState.Accepted)
            {
                Terminate();
            }
        }
    }

    internal override void OnRequest(SipRequest request)
    {
        lock (Gate)
        {
            if (request.Method == SipMethods.Ack)
            {
                if (State == SipTransactionState.Completed)
                {
                    Acknowledged = true;
                    State = SipTransactionState.Confirmed;
                    StartTimer(IsReliable ? TimeSpan.Zero : Timers.T4, OnTimerI);
                }

                return;
            }

            if (State is SipTransactionState.Proceeding or SipTransactionState.Completed or SipTransactionState.Accepted && _lastBytes is not null)
            {
                Send(_lastBytes!);
            }
        }
    }

    private void OnTimerG()
    {
        lock (Gate)
        {
            if (State is not (SipTransactionState.Completed or SipTransactionState.Accepted))
            {
                return;
            }

            Send(_lastBytes!);
            _interval = TimeSpan.FromTicks(Math.Min(2 * _interval.Ticks, Timers.T2.Ticks));
            StartTimer(_interval, OnTimerG);
        }
    }

    private void OnTimerH()
    {
        bool notAcked;
        lock (Gate)
        {
            notAcked = State == SipTransactionState.Accepted;
            if (State is SipTransactionState.Completed or SipTransactionState.Accepted)
            {
                Layer.LogTimeout(this, notAcked ? "Timer L (2xx not acknowledged)" : "Timer H (no ACK)");
                Terminate();
            }
        }

        if (notAcked && SuccessNotAcknowledged is { } callback)
        {
            Layer.Observe(callback(), "2xx not acknowledged");
        }
    }

    private void OnTimerI()
    {
        lock (Gate)
        {
            Terminate();
        }
    }
}
