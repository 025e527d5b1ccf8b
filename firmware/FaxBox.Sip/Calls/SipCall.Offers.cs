using FaxBox.Sip.Dialogs;
using FaxBox.Sip.Messages;
using FaxBox.Sip.Sdp;
using FaxBox.Sip.Transactions;

namespace FaxBox.Sip.Calls;

/// <summary>The box's own offers inside the call: re-INVITE (RFC 3261 §14.1) with the 491 back-off, and the refresh requests.</summary>
public sealed partial class SipCall
{
    private bool _outgoingOffer;

    /// <summary>
    /// Offers <paramref name="offer"/> in a re-INVITE (to T.38: an <c>m=image … udptl t38</c> offer; back to audio) and
    /// waits for the answer. A 491 (glare) is retried after the §14.1 back-off (the Call-ID owner waits 2.1–4 s, the other
    /// side 0–2 s) up to <see cref="SipUserAgentOptions.MaxGlareRetries"/> times, unless the peer changed the session
    /// meanwhile (<see cref="SipReinviteOutcome.Superseded"/>). A refusal keeps the previous session; 481/408 end the call.
    /// </summary>
    public async Task<SipReinviteResult> ReinviteAsync(SdpSessionDescription offer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(offer);
        await _offerLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var remoteBefore = RemoteSdp;
            for (var attempt = 0; ; attempt++)
            {
                if (State != SipCallState.Connected)
                {
                    return new SipReinviteResult(SipReinviteOutcome.Failed, 0, null, $"the call is {State}");
                }

                var exchange = await SendOfferAsync(SipMethods.Invite, offer).ConfigureAwait(false);
                var response = exchange.Response;
                if (response.IsSuccess)
                {
                    var answer = ParseSdp(response, out var error);
                    await SendAckAsync(exchange.Request, null).ConfigureAwait(false);
                    if (answer is null)
                    {
                        await ByeAsync(SipCallEndReason.LocalHangUp, $"re-INVITE 2xx without a usable SDP answer: {error ?? "empty body"}", cancellationToken).ConfigureAwait(false);
                        return new SipReinviteResult(SipReinviteOutcome.Failed, response.StatusCode, null, error ?? "2xx without SDP");
                    }

                    CompleteOwnOffer(response, offer, answer);
                    return new SipReinviteResult(SipReinviteOutcome.Accepted, response.StatusCode, answer, null);
                }

                if (response.StatusCode == SipStatusCodes.RequestPending && attempt < _ua.Options.MaxGlareRetries)
                {
                    var delay = GlareBackoff.Next(Direction == SipCallDirection.Outgoing, _ua.Random);
                    SipCallLog.GlareBackoff(_ua.Logger, CallId, SipMethods.Invite, delay);
                    await Task.Delay(delay, _ua.Time, cancellationToken).ConfigureAwait(false);
                    if (!ReferenceEquals(RemoteSdp, remoteBefore))
                    {
                        return new SipReinviteResult(SipReinviteOutcome.Superseded, response.StatusCode, RemoteSdp, "the peer changed the session during the back-off");
                    }

                    continue;
                }

                if (await EndOnDialogErrorAsync(exchange, cancellationToken).ConfigureAwait(false))
                {
                    return new SipReinviteResult(SipReinviteOutcome.Failed, response.StatusCode, null, $"{response.StatusCode} {response.ReasonPhrase}: the call ended");
                }

                SipCallLog.RequestFailed(_ua.Logger, CallId, SipMethods.Invite, response.StatusCode, response.ReasonPhrase);
                return new SipReinviteResult(SipReinviteOutcome.Refused, response.StatusCode, null, response.ReasonPhrase);
            }
        }
        finally
        {
            _offerLock.Release();
        }
    }

    /// <summary>Sends a re-INVITE or UPDATE of the box (Contact, Allow, Supported, Session-Expires with the current refresher role).</summary>
    private async Task<SipExchange> SendOfferAsync(string method, SdpSessionDescription? sdp)
    {
        lock (_gate)
        {
            _outgoingOffer = true;
        }

        try
        {
            return await SendInDialogAsync(method, request =>
            {
                AddContactAndCapabilities(request, _protocol!.Value);
                AddRefreshHeaders(request);
                if (sdp is not null)
                {
                    request.SetBody("application/sdp", Bytes(sdp));
                }
            }, method == SipMethods.Invite ? t => ((InviteClientTransaction)t).SuccessRetransmitted = OnSuccessRetransmittedAsync : null).ConfigureAwait(false);
        }
        finally
        {
            lock (_gate)
            {
                _outgoingOffer = false;
            }
        }
    }

    /// <summary>The peer accepted the box's offer: new session, new target, session timer re-armed (every 2xx refreshes, RFC 4028 §7.4).</summary>
    private void CompleteOwnOffer(SipResponse response, SdpSessionDescription? offer, SdpSessionDescription? answer)
    {
        lock (_gate)
        {
            _dialog!.RefreshTarget(response);
            if (response.Headers.Contains(SipHeaderNames.Allow))
            {
                _peerAllow = response.GetTokens(SipHeaderNames.Allow);
            }

            if (offer is not null && answer is not null)
            {
                _localSdp = offer;
                _remoteSdp = answer;
            }
        }

        ApplySessionTimerFromResponse(response, initial: false);
    }

    /// <summary>481 or 408 to an in-dialog request end the dialog (RFC 3261 §12.2.1.2, §14.1); true when the call ended.</summary>
    private async Task<bool> EndOnDialogErrorAsync(SipExchange exchange, CancellationToken cancellationToken)
    {
        var status = exchange.Response.StatusCode;
        if (status == SipStatusCodes.CallTransactionDoesNotExist)
        {
            await EndAsync(SipCallEndReason.DialogLost, status, $"{exchange.Request.Method} answered 481", cancellationToken).ConfigureAwait(false);
            return true;
        }

        if (status == SipStatusCodes.RequestTimeout)
        {
            if (exchange.NoResponse)
            {
                await EndAsync(SipCallEndReason.Timeout, status, $"no response to {exchange.Request.Method}", cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await ByeAsync(SipCallEndReason.DialogLost, $"{exchange.Request.Method} answered 408", cancellationToken).ConfigureAwait(false);
            }

            return true;
        }

        return false;
    }
}
