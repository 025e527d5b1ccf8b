using System.Net;
using FaxBox.Sip.Messages;
using FaxBox.Sip.Transport;

namespace FaxBox.Sip.Transactions;

/// <summary>
/// The non-INVITE server transaction (RFC 3261 §17.2.2, Figure 8): Trying → Proceeding on a 1xx → Completed on the
/// final response, which answers retransmissions until Timer J (64·T1 over UDP, zero over TCP/TLS).
/// </summary>
public sealed class NonInviteServerTransaction : SipServerTransaction
{
    private byte[]? _lastBytes;

    internal NonInviteServerTransaction(SipTransactionLayer layer, SipRequest request, string key, ISipTransport transport, IPEndPoint remote, SipTransportMessage source)
        : base(layer, request, key, transport, remote, source)
    {
        State = SipTransactionState.Trying;
    }

    public override void SendResponse(SipResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        lock (Gate)
        {
            if (State is not (SipTransactionState.Trying or SipTransactionState.Proceeding))
            {
                throw new InvalidOperationException($"{Request.Method} transaction is {State}: a final response was already sent");
            }

            LastResponse = response;
            _lastBytes = response.ToBytes();
            Send(_lastBytes);
            if (response.IsProvisional)
            {
                State = SipTransactionState.Proceeding;
                return;
            }

            State = SipTransactionState.Completed;
            StartTimer(IsReliable ? TimeSpan.Zero : Timers.TransactionTimeout, OnTimerJ);
        }
    }

    internal override void OnRequest(SipRequest request)
    {
        lock (Gate)
        {
            if (State is SipTransactionState.Proceeding or SipTransactionState.Completed && _lastBytes is not null)
            {
                Send(_lastBytes);
            }
        }
    }

    private void OnTimerJ()
    {
        lock (Gate)
        {
            Terminate();
        }
    }
}
