using System.Net;
using FaxBox.Sip.Messages;
using FaxBox.Sip.Transport;

namespace FaxBox.Sip.Transactions;

/// <summary>
/// A server transaction (RFC 3261 §17.2): the TU answers the request with <see cref="SendResponse"/>; retransmitted
/// requests are answered from here with the last response.
/// </summary>
public abstract class SipServerTransaction : SipTransaction
{
    private string? _localTag;

    private protected SipServerTransaction(SipTransactionLayer layer, SipRequest request, string key, ISipTransport transport, IPEndPoint remote, SipTransportMessage source)
        : base(layer, request, key, transport, remote)
    {
        Source = source;
    }

    /// <summary>The hop the request arrived on.</summary>
    public SipTransportMessage Source { get; }

    public SipResponse? LastResponse { get; private protected set; }

    /// <summary>True once a CANCEL matched this (INVITE) transaction.</summary>
    public bool IsCancelled { get; internal set; }

    /// <summary>The To tag this transaction adds to its responses when the request had none (one per transaction, §8.2.6.2).</summary>
    public string LocalTag => Request.To?.Tag ?? (_localTag ??= SipBranch.NewTag());

    /// <summary>
    /// A response to the request (§8.2.6): Via, From, Call-ID, CSeq copied, To with <see cref="LocalTag"/> (except 100),
    /// Content-Length 0. Add headers or a body before sending.
    /// </summary>
    public SipResponse CreateResponse(int statusCode, string? reasonPhrase = null)
    {
        var response = new SipResponse(statusCode, reasonPhrase);
        foreach (var h in Request.Headers)
        {
            switch (h.CanonicalName)
            {
                case SipHeaderNames.Via or SipHeaderNames.From or SipHeaderNames.CallId or SipHeaderNames.CSeq:
                    response.Headers.Add(h.Name, h.Value);
                    break;
                case SipHeaderNames.To:
                    var to = Request.To!;
                    if (to.Tag is null && statusCode != SipStatusCodes.Trying)
                    {
                        var tagged = to.Clone();
                        tagged.Tag = LocalTag;
                        response.Headers.Add(SipHeaderNames.To, tagged.ToString());
                    }
                    else
                    {
                        response.Headers.Add(h.Name, h.Value);
                    }

                    break;
            }
        }

        response.Headers.Add(SipHeaderNames.ContentLength, "0");
        return response;
    }

    /// <summary>Sends a response through the transaction; throws when the transaction can no longer send one.</summary>
    public abstract void SendResponse(SipResponse response);

    /// <summary>A retransmission of the request arrived (or, for INVITE, the ACK of a non-2xx).</summary>
    internal abstract void OnRequest(SipRequest request);

    internal override void OnTransportError(Exception error)
    {
        lock (Gate)
        {
            Terminate();
        }
    }
}
