using FaxBox.Sip.Messages;
using FaxBox.Sip.Transactions;
using FaxBox.Sip.Transport;

namespace FaxBox.Sip.Tests.Fakes;

/// <summary>A transaction user that records what it gets and answers with <see cref="Answer"/>.</summary>
internal sealed class RecordingTransactionUser : ISipTransactionUser
{
    public List<SipServerTransaction> Requests { get; } = [];

    public List<SipRequest> Acks { get; } = [];

    public List<SipServerTransaction> Cancelled { get; } = [];

    /// <summary>Called for each new request; null leaves it unanswered.</summary>
    public Func<SipServerTransaction, SipResponse?>? Answer { get; set; }

    public ValueTask OnRequestAsync(SipServerTransaction transaction, CancellationToken cancellationToken)
    {
        Requests.Add(transaction);
        if (Answer?.Invoke(transaction) is { } response)
        {
            transaction.SendResponse(response);
        }

        return ValueTask.CompletedTask;
    }

    public ValueTask OnAckAsync(SipRequest ack, SipTransportMessage source, CancellationToken cancellationToken)
    {
        Acks.Add(ack);
        return ValueTask.CompletedTask;
    }

    public ValueTask OnCancelAsync(SipServerTransaction invite, SipRequest cancel, CancellationToken cancellationToken)
    {
        Cancelled.Add(invite);
        invite.SendResponse(invite.CreateResponse(SipStatusCodes.RequestTerminated));
        return ValueTask.CompletedTask;
    }
}
