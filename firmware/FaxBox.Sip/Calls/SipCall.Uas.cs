using FaxBox.Sip.Dialogs;
using FaxBox.Sip.Messages;
using FaxBox.Sip.Sdp;
using FaxBox.Sip.Transactions;

namespace FaxBox.Sip.Calls;

/// <summary>The UAS role (RFC 3261 §13.3): ring (reliably with 100rel, RFC 3262), answer, reject, CANCEL, the ACK and its absence.</summary>
public sealed partial class SipCall
{
    private InviteServerTransaction? _inviteServer;
    private SdpSessionDescription? _remoteOffer;
    private SipReliableProvisionals? _reliable;
    private SipResponse? _deferredSuccess;
    private InviteServerTransaction? _awaitingAck;
    private TaskCompletionSource? _ackArrived;
    private SipSessionExpires? _uasSessionExpires;
    private bool _uasRequireTimer;
    private bool _lateOffer;

    /// <summary>The INVITE that made an incoming call.</summary>
    public SipRequest? IncomingInvite => _inviteServer?.Request;

    /// <summary>The SDP offer of an incoming INVITE, or null for an INVITE without SDP (then the box offers in its 2xx).</summary>
    public SdpSessionDescription? RemoteOffer => _remoteOffer;

    /// <summary>The new call for an INVITE without To tag, or null with the response that refuses it (bad SDP, 422).</summary>
    internal static SipCall? CreateIncoming(SipUserAgent ua, InviteServerTransaction transaction, out SipResponse? refusal)
    {
        var request = transaction.Request;
        refusal = null;
        var offer = ParseSdp(request, out var sdpError);
        if (offer is null && sdpError is not null)
        {
            refusal = transaction.CreateResponse(SipStatusCodes.NotAcceptableHere, "Malformed SDP");
            refusal.Headers.Add(SipHeaderNames.Warning, $"399 {ua.Options.UserAgent} \"{sdpError.Replace('"', '\'')}\"");
            return null;
        }

        var call = new SipCall(ua, SipCallDirection.Incoming, request.CallId!, transaction.LocalTag, request.From!.Uri.Clone())
        {
            _inviteServer = transaction,
            _remoteOffer = offer,
            _lateOffer = offer is null,
            _protocol = transaction.Source.Local.Protocol,
            _state = SipCallState.Incoming,
            _peerAllow = request.GetTokens(SipHeaderNames.Allow),
        };
        if (!call.NegotiateAsUas(request, transaction, out refusal))
        {
            return null;
        }

        call._dialog = SipDialog.CreateAsCallee(request, transaction.LocalTag);
        call._dialog.State = SipDialogState.Early;
        transaction.SuccessNotAcknowledged = call.OnSuccessNotAcknowledgedAsync;
        return call;
    }

    /// <summary>True when <paramref name="request"/> is this call's INVITE arriving again on another path (§8.2.2.2).</summary>
    internal bool IsMergedRequest(SipRequest request) =>
        _inviteServer is { } tx && tx.Request.CallId == request.CallId && tx.Request.From?.Tag == request.From?.Tag
        && tx.Request.CSeq == request.CSeq && tx.Request.TopVia?.Branch != request.TopVia?.Branch;

    /// <summary>
    /// Sends 180 Ringing, or 183 Session Progress with <paramref name="earlyMedia"/>: reliably (RFC 3262) when the caller
    /// supports or requires 100rel and <see cref="SipUserAgentOptions.Use100rel"/> is on. A second reliable provisional
    /// is not sent while the first waits for its PRACK.
    /// </summary>
    public ValueTask RingAsync(SdpSessionDescription? earlyMedia = null, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            if (_state != SipCallState.Incoming || _inviteServer is not { } tx)
            {
                throw new InvalidOperationException($"{this} cannot ring: it is not an unanswered incoming call");
            }

            var response = tx.CreateResponse(earlyMedia is null ? SipStatusCodes.Ringing : SipStatusCodes.SessionProgress);
            AddContactAndCapabilities(response, _protocol!.Value);
            if (earlyMedia is not null)
            {
                response.SetBody("application/sdp", Bytes(earlyMedia));
            }

            var invite = tx.Request;
            var reliable = invite.GetTokens(SipHeaderNames.Require).Contains("100rel", StringComparer.OrdinalIgnoreCase)
                || (_ua.Options.Use100rel && invite.Supports("100rel"));
            if (!reliable)
            {
                tx.SendResponse(response);
                return ValueTask.CompletedTask;
            }

            _reliable ??= new SipReliableProvisionals(tx, _ua.Time, _ua.Layer.TimerOptions, OnPrackTimeout);
            _reliable.Send(response);
        }

        return ValueTask.CompletedTask;
    }

    /// <summary>
    /// Answers 200 OK with <paramref name="sdp"/> (the answer to the INVITE's offer, or the box's offer when the INVITE
    /// had none) and the negotiated session timer. The call is connected at once; the ACK is awaited by the transaction
    /// (no ACK within 64·T1: BYE, <see cref="SipCallEndReason.NoAck"/>). A 2xx waits for the PRACK of an outstanding
    /// reliable provisional that carried SDP (RFC 3262 §3).
    /// </summary>
    public async ValueTask AnswerAsync(SdpSessionDescription sdp, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sdp);
        lock (_gate)
        {
            if (_state != SipCallState.Incoming || _inviteServer is not { } tx)
            {
                throw new InvalidOperationException($"{this} cannot be answered: it is not an unanswered incoming call");
            }

            var response = tx.CreateResponse(SipStatusCodes.Ok);
            AddContactAndCapabilities(response, _protocol!.Value);
            AddSessionTimerHeaders(response);
            response.SetBody("application/sdp", Bytes(sdp));
            _localSdp = sdp;
            _remoteSdp = _remoteOffer;
            _state = SipCallState.Connected;
            _dialog!.State = SipDialogState.Confirmed;
            _awaitingAck = tx;
            _ackArrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            if (_reliable is { IsPending: true, PendingHasSdp: true })
            {
                _deferredSuccess = response;
            }
            else
            {
                _reliable?.Dispose();
                tx.SendResponse(response);
            }
        }

        ArmUasSessionTimer();
        await RaiseAsync(SipCallState.Connected, SipCallEndReason.None, SipStatusCodes.Ok, null, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Refuses the incoming call with <paramref name="statusCode"/> (486 Busy Here by default).</summary>
    public async ValueTask RejectAsync(int statusCode = SipStatusCodes.BusyHere, string? reasonPhrase = null, CancellationToken cancellationToken = default)
    {
        if (statusCode is < 300 or > 699)
        {
            throw new ArgumentOutOfRangeException(nameof(statusCode), statusCode, "a rejection is a 3xx–6xx status");
        }

        lock (_gate)
        {
            if (_state != SipCallState.Incoming || _inviteServer is not { } tx)
            {
                throw new InvalidOperationException($"{this} cannot be rejected: it is not an unanswered incoming call");
            }

            _reliable?.Dispose();
            tx.SendResponse(tx.CreateResponse(statusCode, reasonPhrase));
        }

        await EndAsync(SipCallEndReason.RejectedLocally, statusCode, reasonPhrase, cancellationToken).ConfigureAwait(false);
    }

    internal ValueTask OnAckAsync(SipRequest ack, CancellationToken cancellationToken)
    {
        InviteServerTransaction? acknowledged = null;
        SdpSessionDescription? answer = null;
        lock (_gate)
        {
            if (_awaitingAck is { } tx && tx.Request.CSeq!.Value.Number == ack.CSeq!.Value.Number)
            {
                acknowledged = tx;
                _awaitingAck = null;
                if (_lateOffer)
                {
                    answer = ParseSdp(ack, out _);
                    _lateOffer = false;
                    if (answer is not null)
                    {
                        _remoteSdp = answer; // the answer to the box's offer in its 2xx (RFC 3264 §5, RFC 3261 §13.2.1)
                    }
                }
            }
        }

        if (acknowledged is not null)
        {
            acknowledged.AcknowledgeSuccess();
            _ackArrived?.TrySetResult();
        }

        return ValueTask.CompletedTask;
    }

    internal async ValueTask OnCancelAsync(SipServerTransaction invite, CancellationToken cancellationToken)
    {
        bool ended;
        lock (_gate)
        {
            ended = _state == SipCallState.Incoming && ReferenceEquals(invite, _inviteServer);
        }

        try
        {
            invite.SendResponse(invite.CreateResponse(SipStatusCodes.RequestTerminated));
        }
        catch (InvalidOperationException)
        {
            return; // the final response went first: the CANCEL changes nothing (§9.2)
        }

        if (ended)
        {
            await EndAsync(SipCallEndReason.CancelledByPeer, SipStatusCodes.RequestTerminated, "CANCEL", cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Timer L of the 2xx fired without an ACK (§13.3.1.4): confirm and then end the dialog with BYE.</summary>
    private ValueTask OnSuccessNotAcknowledgedAsync()
    {
        _ua.Background.Run(() => ByeAsync(SipCallEndReason.NoAck, "2xx not acknowledged within 64·T1 (RFC 3261 §13.3.1.4)", CancellationToken.None), "BYE after no ACK");
        return ValueTask.CompletedTask;
    }

    /// <summary>A reliable provisional was not PRACKed within 64·T1 (RFC 3262 §3): the INVITE is rejected with a 5xx.</summary>
    private void OnPrackTimeout()
    {
        _ua.Background.Run(async () =>
        {
            InviteServerTransaction? tx;
            lock (_gate)
            {
                tx = _state == SipCallState.Incoming || _deferredSuccess is not null ? _inviteServer : null;
                _deferredSuccess = null;
                if (tx is not null)
                {
                    _state = SipCallState.Incoming; // not connected after all: the 2xx never left
                }
            }

            if (tx is null)
            {
                return;
            }

            try
            {
                tx.SendResponse(tx.CreateResponse(SipStatusCodes.ServerInternalError, "Reliable Provisional Not Acknowledged"));
            }
            catch (InvalidOperationException)
            {
                return;
            }

            await EndAsync(SipCallEndReason.PrackTimeout, SipStatusCodes.ServerInternalError, "no PRACK within 64·T1 (RFC 3262 §3)", CancellationToken.None).ConfigureAwait(false);
        }, "PRACK timeout");
    }

    /// <summary>A PRACK acknowledged the outstanding reliable provisional: send a 2xx that waited for it.</summary>
    private void OnProvisionalAcknowledged()
    {
        lock (_gate)
        {
            if (_deferredSuccess is { } success && _inviteServer is { } tx)
            {
                _deferredSuccess = null;
                tx.SendResponse(success);
            }
        }
    }
}
