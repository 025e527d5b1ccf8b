using System.Globalization;
using FaxBox.Sip.Messages;
using FaxBox.Sip.Sdp;
using FaxBox.Sip.Transactions;

namespace FaxBox.Sip.Calls;

/// <summary>Requests from the peer inside the dialog (RFC 3261 §12.2.2): BYE, re-INVITE, UPDATE, PRACK, INFO, OPTIONS.</summary>
public sealed partial class SipCall
{
    private bool _incomingOffer;

    internal async ValueTask OnRequestAsync(SipServerTransaction transaction, CancellationToken cancellationToken)
    {
        var request = transaction.Request;
        bool inOrder;
        lock (_gate)
        {
            inOrder = _dialog is not null && _dialog.AcceptRemoteSequence(request);
        }

        if (!inOrder)
        {
            Answer(transaction, SipStatusCodes.ServerInternalError, "CSeq Out Of Order", "the CSeq is not higher than the last one (RFC 3261 §12.2.2)");
            return;
        }

        switch (request.Method)
        {
            case SipMethods.Bye:
                await OnByeAsync(transaction, cancellationToken).ConfigureAwait(false);
                break;
            case SipMethods.Invite:
                await OnOfferRequestAsync(transaction, cancellationToken).ConfigureAwait(false);
                break;
            case SipMethods.Update:
                await OnOfferRequestAsync(transaction, cancellationToken).ConfigureAwait(false);
                break;
            case SipMethods.Prack:
                OnPrack(transaction);
                break;
            case SipMethods.Info:
                await OnInfoAsync(transaction, cancellationToken).ConfigureAwait(false);
                break;
            case SipMethods.Options:
                transaction.SendResponse(_ua.CreateOptionsResponse(transaction));
                break;
            default:
                var refusal = transaction.CreateResponse(SipStatusCodes.MethodNotAllowed);
                refusal.Headers.Add(SipHeaderNames.Allow, SipMethods.AllowHeaderValue);
                transaction.SendResponse(refusal);
                break;
        }
    }

    private async ValueTask OnByeAsync(SipServerTransaction transaction, CancellationToken cancellationToken)
    {
        InviteServerTransaction? unanswered;
        lock (_gate)
        {
            unanswered = _state == SipCallState.Incoming ? _inviteServer : null;
        }

        transaction.SendResponse(transaction.CreateResponse(SipStatusCodes.Ok));
        if (unanswered is not null)
        {
            try
            {
                unanswered.SendResponse(unanswered.CreateResponse(SipStatusCodes.RequestTerminated)); // §15.1.2
            }
            catch (InvalidOperationException)
            {
            }
        }

        await EndAsync(SipCallEndReason.RemoteHangUp, null, "BYE", cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// A re-INVITE or UPDATE (RFC 3261 §14.2, RFC 3311 §5.2): 491 while the box's own offer is pending (glare), 500 with
    /// Retry-After while the peer's previous one is unanswered, 422 for a too-short session interval; a repeated SDP (same
    /// o= version: a session refresh) or no SDP is answered with the current session unchanged; a new offer goes to the
    /// gateway's <see cref="OfferHandler"/>.
    /// </summary>
    private async ValueTask OnOfferRequestAsync(SipServerTransaction transaction, CancellationToken cancellationToken)
    {
        var request = transaction.Request;
        var isInvite = request.Method == SipMethods.Invite;
        var offer = ParseSdp(request, out var sdpError);
        if (offer is null && sdpError is not null)
        {
            Answer(transaction, SipStatusCodes.NotAcceptableHere, "Malformed SDP", sdpError);
            return;
        }

        string? refusal = null;
        lock (_gate)
        {
            if (_state != SipCallState.Connected)
            {
                refusal = offer is null && !isInvite ? null : "early";
            }
            else if (_outgoingOffer && (isInvite || offer is not null))
            {
                refusal = "glare";
            }
            else if (_incomingOffer || (isInvite && _awaitingAck is not null) || (offer is not null && _lateOffer))
            {
                refusal = "pending";
            }
            else if (isInvite || offer is not null)
            {
                _incomingOffer = true;
            }
        }

        switch (refusal)
        {
            case "early":
                Answer(transaction, SipStatusCodes.NotAcceptableHere, "Not Acceptable Here", "offers in an early dialog are not supported");
                return;
            case "glare":
                Answer(transaction, SipStatusCodes.RequestPending, "Request Pending", "the box's own offer is pending (RFC 3261 §14.2)");
                return;
            case "pending":
                var busy = transaction.CreateResponse(SipStatusCodes.ServerInternalError, "Previous Offer Pending");
                busy.Headers.Add(SipHeaderNames.RetryAfter, _ua.Random.Next(0, 11).ToString(CultureInfo.InvariantCulture));
                transaction.SendResponse(busy);
                return;
        }

        try
        {
            await AnswerOfferRequestAsync(transaction, offer, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            lock (_gate)
            {
                _incomingOffer = false;
            }
        }
    }

    private async ValueTask AnswerOfferRequestAsync(SipServerTransaction transaction, SdpSessionDescription? offer, CancellationToken cancellationToken)
    {
        var request = transaction.Request;
        var isInvite = request.Method == SipMethods.Invite;
        if (!NegotiateAsUas(request, transaction, out var tooSmall))
        {
            transaction.SendResponse(tooSmall!);
            return;
        }

        SdpSessionDescription? body;
        SipOfferDecision? refusal = null;
        bool repeats;
        SdpSessionDescription? current;
        lock (_gate)
        {
            repeats = offer is not null && RepeatsRemote(offer);
            current = _localSdp;
        }

        if (offer is null && !isInvite)
        {
            body = null; // an UPDATE without SDP (a session refresh, RFC 4028 §7.4; also in an early dialog): 200, no body
        }
        else if (offer is null)
        {
            // An offerless re-INVITE gets the current session as the box's offer; the answer comes in the ACK.
            body = current;
            refusal = current is null ? SipOfferDecision.Refuse(SipStatusCodes.NotAcceptableHere, "No Session") : null;
        }
        else if (repeats && current is not null)
        {
            body = current; // a session refresh (RFC 4028 §7.4): the same answer, same o= version, the gateway is not asked
        }
        else
        {
            var decision = await AskGatewayAsync(new SipOffer(this, request.Method, offer, IsFaxActive), cancellationToken).ConfigureAwait(false);
            body = decision.Answer;
            refusal = decision.Answer is null ? decision : null;
        }

        if (refusal is not null)
        {
            Answer(transaction, refusal.StatusCode, refusal.ReasonPhrase ?? SipStatusCodes.DefaultReason(refusal.StatusCode), "offer refused; session unchanged");
            return;
        }

        var response = transaction.CreateResponse(SipStatusCodes.Ok);
        AddContactAndCapabilities(response, _protocol!.Value);
        AddSessionTimerHeaders(response);
        if (body is not null)
        {
            response.SetBody("application/sdp", Bytes(body));
        }

        lock (_gate)
        {
            _dialog!.RefreshTarget(request);
            if (request.Headers.Contains(SipHeaderNames.Allow))
            {
                _peerAllow = request.GetTokens(SipHeaderNames.Allow);
            }

            if (offer is not null)
            {
                _remoteSdp = offer;
                _localSdp = body;
            }
            else if (isInvite)
            {
                _lateOffer = true; // the answer comes in the ACK
            }

            if (isInvite)
            {
                var tx = (InviteServerTransaction)transaction;
                tx.SuccessNotAcknowledged = OnSuccessNotAcknowledgedAsync;
                _awaitingAck = tx;
                _ackArrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }
        }

        transaction.SendResponse(response);
        ArmUasSessionTimer();
    }

    private async ValueTask<SipOfferDecision> AskGatewayAsync(SipOffer offer, CancellationToken cancellationToken)
    {
        if (OfferHandler is not { } handler)
        {
            return SipOfferDecision.Refuse(SipStatusCodes.NotAcceptableHere, "No Offer Handler");
        }

        try
        {
            return await handler(offer, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            SipCallLog.HandlerFailed(_ua.Logger, e, nameof(OfferHandler));
            return SipOfferDecision.Refuse(SipStatusCodes.ServerInternalError, "Offer Handler Failed");
        }
    }

    private void OnPrack(SipServerTransaction transaction)
    {
        if (_reliable is { } reliable && reliable.Acknowledge(transaction.Request))
        {
            transaction.SendResponse(transaction.CreateResponse(SipStatusCodes.Ok));
            OnProvisionalAcknowledged();
            return;
        }

        Answer(transaction, SipStatusCodes.CallTransactionDoesNotExist, "No Matching Reliable Provisional", "the RAck matches no outstanding reliable provisional (RFC 3262 §3)");
    }

    /// <summary>
    /// INFO (RFC 6086): the box supports no Info Package, so an INFO naming one gets 469 with an empty Recv-Info (§4.2.2);
    /// legacy INFO without Info-Package (DTMF relay of older gateways) is accepted and handed to <see cref="InfoReceived"/>.
    /// </summary>
    private async ValueTask OnInfoAsync(SipServerTransaction transaction, CancellationToken cancellationToken)
    {
        var request = transaction.Request;
        if (request.Headers.Get("Info-Package") is { } package)
        {
            var refusal = transaction.CreateResponse(469, "Bad Info Package");
            refusal.Headers.Add("Recv-Info", string.Empty);
            SipCallLog.RequestAnswered(_ua.Logger, request.Method, CallId, 469, $"Info-Package '{package}' is not supported");
            transaction.SendResponse(refusal);
            return;
        }

        transaction.SendResponse(transaction.CreateResponse(SipStatusCodes.Ok));
        await InfoReceived.InvokeAsync(request, cancellationToken).ConfigureAwait(false);
    }

    private void Answer(SipServerTransaction transaction, int status, string reasonPhrase, string detail)
    {
        SipCallLog.RequestAnswered(_ua.Logger, transaction.Request.Method, CallId, status, detail);
        transaction.SendResponse(transaction.CreateResponse(status, reasonPhrase));
    }
}
