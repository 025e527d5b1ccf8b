using FaxBox.Sip.Messages;
using FaxBox.Sip.Transport;

namespace FaxBox.Sip.Transactions;

/// <summary>
/// The transaction user (RFC 3261 §17: the UA core, dialogs, registration): gets new requests with their server
/// transaction, ACKs for 2xx, CANCELs and stray 2xx retransmissions. Every call is awaited; an exception is logged by
/// the layer and never stops it.
/// </summary>
public interface ISipTransactionUser
{
    /// <summary>A new request (not ACK, not CANCEL); answer it through <paramref name="transaction"/>.</summary>
    ValueTask OnRequestAsync(SipServerTransaction transaction, CancellationToken cancellationToken);

    /// <summary>An ACK that matched no transaction: the ACK for a 2xx, which belongs to the dialog (§13.2.2.4, §17.1.1.3).</summary>
    ValueTask OnAckAsync(SipRequest ack, SipTransportMessage source, CancellationToken cancellationToken);

    /// <summary>
    /// A CANCEL matched <paramref name="invite"/> (already answered 200 by the layer, §9.2): the UAS should answer the
    /// INVITE with 487 unless it already sent a final response.
    /// </summary>
    ValueTask OnCancelAsync(SipServerTransaction invite, SipRequest cancel, CancellationToken cancellationToken);
}
