using FaxBox.Sip.Transactions;

namespace FaxBox.Sip.Tests.Calls;

/// <summary>
/// Nothing outlives a call: once its transactions' timers (L for the accepted INVITE, J for the BYE server transaction,
/// K for the BYE client transaction; RFC 3261 §17, RFC 6026) have run out, neither side holds a transaction or a call
/// (dialog). The same counters are what tools/bench/sip-load reads after a sipp load.
/// </summary>
public sealed class SipCallCleanupTests
{
    [Fact]
    public async Task After_a_hang_up_every_transaction_and_dialog_is_gone_once_the_timers_expire()
    {
        var pair = await CallPair.ConnectAsync();
        await pair.Net.RunAsync(pair.Caller.HangUpAsync());
        Assert.Empty(pair.Box.Ua.Calls);
        Assert.Empty(pair.Peer.Ua.Calls);
        Assert.True(pair.Peer.Layer.TransactionCount > 0, "the callee's INVITE (timer L) and BYE (timer J) server transactions wait for retransmissions");

        var timeout = new SipTimerOptions().TransactionTimeout;
        await pair.Net.AdvanceAsync(timeout / 2);
        Assert.True(pair.Peer.Layer.TransactionCount > 0, "half of 64·T1 is too early for timers J and L");
        await pair.Net.AdvanceAsync(timeout / 2 + TimeSpan.FromSeconds(1));

        Assert.Equal(0, pair.Box.Layer.TransactionCount);
        Assert.Equal(0, pair.Peer.Layer.TransactionCount);
    }
}
