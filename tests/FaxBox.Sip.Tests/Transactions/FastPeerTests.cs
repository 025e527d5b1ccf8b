using FaxBox.Sip.Messages;
using FaxBox.Sip.Tests.Transport;
using FaxBox.Sip.Transactions;

namespace FaxBox.Sip.Tests.Transactions;

/// <summary>
/// A peer on loopback can answer before <see cref="SipTransactionLayer.SendRequest"/> returns. Regression: the call
/// layer used to set the INVITE's provisional handler after the send, so a fast 180 was lost and a CANCEL requested on
/// it never went out (seen as a flaky sipp CANCEL test).
/// </summary>
public sealed class FastPeerTests
{
    [Fact]
    public async Task A_provisional_that_arrives_during_the_send_reaches_a_handler_set_before_start()
    {
        var h = new TransactionHarness();
        h.Transport.AnswerDuringSend = (message, remote) => message is SipRequest { Method: SipMethods.Invite } invite
            ? h.Transport.ReceiveAsync(TransactionHarness.ResponseTo(invite, 180, "Ringing"), TransactionHarness.Peer)
            : ValueTask.CompletedTask;
        var seen = new List<int>();

        var tx = h.Layer.SendRequest(TransactionHarness.NewRequest(SipMethods.Invite), h.PeerEndPoint, t => t.Provisional = r =>
        {
            seen.Add(r.StatusCode);
            return ValueTask.CompletedTask;
        });

        Assert.True(await TestMessages.EventuallyAsync(() => seen.Count == 1));
        Assert.Equal(180, seen[0]);
        Assert.Equal(SipTransactionState.Proceeding, tx.State);
    }
}
