using System.Globalization;
using FaxBox.Sip.Dialogs;
using FaxBox.Sip.Messages;
using FaxBox.Sip.Sdp;
using FaxBox.Sip.Transactions;
using FaxBox.Sip.Transport;

namespace FaxBox.Sip.Calls;

/// <summary>The UAC role (RFC 3261 §13.2): the INVITE with its challenges and 422s, provisional responses with PRACK, 2xx ACK, CANCEL.</summary>
public sealed partial class SipCall
{
    private SdpSessionDescription? _offer;
    private SipNameAddress? _from;
    private uint _cseq;
    private SipRequest? _invite;
    private SipEndPoint _inviteDestination;
    private bool _provisionalSeen;
    private bool _cancelRequested;
    private bool _cancelSent;
    private bool _dialStarted;
    private uint _lastRSeq;
    private TimeSpan _requestedInterval;
    private InviteClientTransaction? _inviteClient;
    private ITimer? _ringLimit;

    private string? _callerUser;
    private string? _callerName;

    internal static SipCall CreateOutgoing(SipUserAgent ua, SipUri target, SdpSessionDescription offer, SipTransportProtocol? transport, string? callerUser = null, string? callerName = null)
    {
        var tag = SipBranch.NewTag();
        var call = new SipCall(ua, SipCallDirection.Outgoing, SipBranch.NewCallId(), tag, target.Clone())
        {
            _offer = offer,
            _protocol = transport,
            _cseq = (uint)ua.Random.Next(1, 10_000),
            _requestedInterval = ua.Options.SessionExpires,
            _callerUser = callerUser,
            _callerName = callerName,
        };
        return call;
    }

    /// <summary>
    /// Sends the INVITE with the offer and waits for the final answer: 401/407 are answered with the account's
    /// credentials, 422 raises Session-Expires to the peer's Min-SE (RFC 4028 §6), reliable provisionals are PRACKed
    /// (RFC 3262 §4), a 2xx is ACKed and the call is connected; a timeout or transport error tries the next RFC 3263 target.
    /// </summary>
    public async Task<SipDialResult> DialAsync(CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            if (Direction != SipCallDirection.Outgoing || _dialStarted)
            {
                throw new InvalidOperationException($"{this} was already dialled or is incoming");
            }

            _dialStarted = true;
        }

        IReadOnlyList<SipEndPoint> targets;
        try
        {
            targets = await _ua.LocateAsync(RemoteUri, _protocol, outOfDialog: true, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is SipTransportException or Dns.DnsException)
        {
            return await FailDialAsync(SipStatusCodes.ServiceUnavailable, "No Route", SipCallEndReason.Timeout, e.Message, cancellationToken).ConfigureAwait(false);
        }

        SipExchange? exchange = null;
        foreach (var target in targets)
        {
            _protocol = target.Protocol;
            _from ??= new SipNameAddress(new SipUri("sip", _callerUser ?? _ua.Options.User, _ua.Options.Domain ?? _ua.ContactFor(target.Protocol).Host), _callerName ?? _ua.Options.DisplayName) { Tag = LocalTag };
            exchange = await InviteRoundsAsync(target).ConfigureAwait(false);
            if (exchange is null || !exchange.NoResponse || Cancelling)
            {
                break;
            }
        }

        if (exchange is null)
        {
            return await FailDialAsync(SipStatusCodes.RequestTerminated, "Request Terminated", SipCallEndReason.Cancelled, "cancelled before the INVITE was sent", cancellationToken).ConfigureAwait(false);
        }

        _ringLimit?.Dispose();
        var response = exchange.Response;
        if (response.IsSuccess)
        {
            return await ConnectAsync(exchange, cancellationToken).ConfigureAwait(false);
        }

        var reason = response.StatusCode switch
        {
            SipStatusCodes.RequestTerminated or SipStatusCodes.RequestTimeout when Cancelling => SipCallEndReason.Cancelled,
            SipStatusCodes.Unauthorized or SipStatusCodes.ProxyAuthenticationRequired => SipCallEndReason.AuthenticationFailed,
            _ when exchange.NoResponse => SipCallEndReason.Timeout,
            _ => SipCallEndReason.Rejected,
        };
        return await FailDialAsync(response.StatusCode, response.ReasonPhrase, reason, null, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Cancels the INVITE (RFC 3261 §9.1): at once when a provisional response came, else as soon as one comes (a CANCEL
    /// before any provisional must not be sent). <see cref="DialAsync"/> then ends with 487 (or, when a 2xx crossed the
    /// CANCEL, ACK and BYE).
    /// </summary>
    public ValueTask CancelAsync(CancellationToken cancellationToken = default)
    {
        SipRequest? cancel = null;
        lock (_gate)
        {
            if (Direction != SipCallDirection.Outgoing || _state is not (SipCallState.Dialing or SipCallState.Proceeding))
            {
                return ValueTask.CompletedTask;
            }

            _cancelRequested = true;
            if (_provisionalSeen && !_cancelSent && _invite is not null)
            {
                _cancelSent = true;
                cancel = BuildCancel(_invite);
            }
        }

        if (cancel is not null)
        {
            SendCancel(cancel);
        }

        return ValueTask.CompletedTask;
    }

    private bool Cancelling
    {
        get
        {
            lock (_gate)
            {
                return _cancelRequested;
            }
        }
    }

    /// <summary>One target: INVITE rounds for challenges and 422; null when cancelled before anything was sent.</summary>
    private async Task<SipExchange?> InviteRoundsAsync(SipEndPoint target)
    {
        SipExchange? exchange = null;
        for (var round = 0; round <= _ua.Options.MaxChallengeRounds; round++)
        {
            if (Cancelling && !_provisionalSeen)
            {
                return exchange;
            }

            exchange = await _ua.SendWithChallengesAsync(credentials => BuildInvite(target, credentials), target, t =>
            {
                var invite = (InviteClientTransaction)t;
                lock (_gate)
                {
                    _inviteClient = invite;
                    _invite = t.Request;
                    _inviteDestination = target;
                    _provisionalSeen = false;
                    _cancelSent = false;
                }

                invite.Provisional = r => OnProvisionalAsync(t.Request, r);
                invite.SuccessRetransmitted = OnSuccessRetransmittedAsync;
            }).ConfigureAwait(false);

            if (exchange.Response.StatusCode == SipStatusCodes.SessionIntervalTooSmall
                && SipSessionExpires.MinSE(exchange.Response) is { } minSe && minSe > _requestedInterval)
            {
                _requestedInterval = minSe; // RFC 4028 §6: retry with Session-Expires at least the peer's Min-SE
                continue;
            }

            return exchange;
        }

        return exchange;
    }

    private SipRequest BuildInvite(SipEndPoint target, IReadOnlyList<(string Name, string Value)> credentials)
    {
        var request = new SipRequest(SipMethods.Invite, RemoteUri.Clone());
        request.Headers.Add(SipHeaderNames.MaxForwards, "70");
        request.Headers.Add(SipHeaderNames.From, _from!.ToString());
        request.Headers.Add(SipHeaderNames.To, new SipNameAddress(RemoteUri.Clone()).ToString());
        request.Headers.Add(SipHeaderNames.CallId, CallId);
        lock (_gate)
        {
            request.Headers.Add(SipHeaderNames.CSeq, new SipCSeq(++_cseq, SipMethods.Invite).ToString());
        }

        AddContactAndCapabilities(request, target.Protocol);
        if (_requestedInterval > TimeSpan.Zero)
        {
            request.Headers.Add(SipHeaderNames.SessionExpires, SipSessionExpires.Seconds(_requestedInterval));
            request.Headers.Add(SipHeaderNames.MinSE, SipSessionExpires.Seconds(_ua.Options.MinSessionExpires));
        }

        request.Headers.Add(SipHeaderNames.UserAgent, _ua.Options.UserAgent);
        foreach (var (name, value) in credentials)
        {
            request.Headers.Add(name, value);
        }

        request.SetBody("application/sdp", Bytes(_offer!));
        return request;
    }

    private async ValueTask OnProvisionalAsync(SipRequest invite, SipResponse response)
    {
        SipRequest? cancel = null;
        SipRequest? prack = null;
        var reliable = response.StatusCode > 100
            && response.GetTokens(SipHeaderNames.Require).Contains("100rel", StringComparer.OrdinalIgnoreCase)
            && uint.TryParse(response.Headers.Get(SipHeaderNames.RSeq), NumberStyles.None, CultureInfo.InvariantCulture, out _);
        var isNew = true;
        var entered = false;
        lock (_gate)
        {
            _provisionalSeen = true;
            if (_cancelRequested && !_cancelSent)
            {
                _cancelSent = true;
                cancel = BuildCancel(invite);
            }

            if (response.StatusCode > 100 && response.To?.Tag is not null && _state != SipCallState.Terminated)
            {
                if (_dialog is null)
                {
                    _dialog = SipDialog.CreateAsCaller(invite, response); // early dialog (§13.2.2.1)
                }

                if (reliable && _dialog.RemoteTag == response.To.Tag)
                {
                    var rseq = uint.Parse(response.Headers.Get(SipHeaderNames.RSeq)!, NumberStyles.None, CultureInfo.InvariantCulture);
                    isNew = _lastRSeq == 0 || rseq > _lastRSeq;
                    if (isNew && cancel is null)
                    {
                        _lastRSeq = rseq;
                        prack = _dialog.CreateRequest(SipMethods.Prack);
                        prack.Headers.Add(SipHeaderNames.RAck, string.Create(CultureInfo.InvariantCulture, $"{rseq} {invite.CSeq!.Value.Number} {SipMethods.Invite}"));
                    }
                }
            }

            if (_state == SipCallState.Dialing)
            {
                _state = SipCallState.Proceeding;
                entered = true;
                _ringLimit ??= _ua.Time.CreateTimer(static s => ((SipCall)s!).OnRingLimit(), this, _ua.Options.MaxRingTime, Timeout.InfiniteTimeSpan);
            }
        }

        if (cancel is not null)
        {
            SendCancel(cancel);
        }

        if (prack is not null)
        {
            prack.Headers.Add(SipHeaderNames.UserAgent, _ua.Options.UserAgent);
            prack.SetBody(null, ReadOnlyMemory<byte>.Empty);
            var destination = await NextHopAsync(prack).ConfigureAwait(false);
            var transaction = _ua.Layer.SendRequest(prack, destination);
            _ua.Background.Run(async () =>
            {
                var final = await transaction.FinalResponse.ConfigureAwait(false);
                if (!final.IsSuccess)
                {
                    SipCallLog.RequestFailed(_ua.Logger, CallId, SipMethods.Prack, final.StatusCode, final.ReasonPhrase);
                }
            }, "PRACK");
        }

        if (entered)
        {
            await RaiseAsync(SipCallState.Proceeding, SipCallEndReason.None, response.StatusCode, response.ReasonPhrase, CancellationToken.None).ConfigureAwait(false);
        }

        if (response.StatusCode > 100 && isNew)
        {
            var early = ParseSdp(response, out _);
            await Progress.InvokeAsync(new SipCallProgress(this, response.StatusCode, response.ReasonPhrase, reliable, early), CancellationToken.None).ConfigureAwait(false);
        }
    }

    /// <summary>CANCEL (§9.1): the INVITE's Request-URI, Call-ID, From, To, Route and top Via (same branch), CSeq number with method CANCEL.</summary>
    private static SipRequest BuildCancel(SipRequest invite)
    {
        var cancel = new SipRequest(SipMethods.Cancel, invite.RequestUri.Clone());
        cancel.Headers.Add(SipHeaderNames.Via, invite.TopVia!.ToString());
        cancel.Headers.Add(SipHeaderNames.MaxForwards, "70");
        foreach (var h in invite.Headers.FindAll(SipHeaderNames.Route))
        {
            cancel.Headers.Add(h.Name, h.Value);
        }

        cancel.Headers.Add(SipHeaderNames.From, invite.Headers.Get(SipHeaderNames.From)!);
        cancel.Headers.Add(SipHeaderNames.To, invite.Headers.Get(SipHeaderNames.To)!);
        cancel.Headers.Add(SipHeaderNames.CallId, invite.CallId!);
        cancel.Headers.Add(SipHeaderNames.CSeq, new SipCSeq(invite.CSeq!.Value.Number, SipMethods.Cancel).ToString());
        cancel.SetBody(null, ReadOnlyMemory<byte>.Empty);
        return cancel;
    }

    private void OnRingLimit() => _ua.Background.Run(async () => await CancelAsync().ConfigureAwait(false), "ring limit");

    private void SendCancel(SipRequest cancel)
    {
        SipEndPoint destination;
        InviteClientTransaction? invite;
        lock (_gate)
        {
            destination = _inviteDestination;
            invite = _inviteClient;
        }

        invite?.TimeOutAfter(_ua.Layer.TimerOptions.TransactionTimeout, "no final response 64·T1 after CANCEL (RFC 3261 §9.1)");

        var transaction = _ua.Layer.SendRequest(cancel, destination);
        _ua.Background.Run(async () =>
        {
            var final = await transaction.FinalResponse.ConfigureAwait(false);
            if (!final.IsSuccess)
            {
                SipCallLog.RequestFailed(_ua.Logger, CallId, SipMethods.Cancel, final.StatusCode, final.ReasonPhrase);
            }
        }, "CANCEL");
    }

    private async Task<SipDialResult> ConnectAsync(SipExchange exchange, CancellationToken cancellationToken)
    {
        var response = exchange.Response;
        bool cancelled;
        lock (_gate)
        {
            if (_dialog is null || _dialog.RemoteTag != response.To?.Tag)
            {
                var early = _dialog;
                _dialog = SipDialog.CreateAsCaller(exchange.Request, response);
                if (early is not null)
                {
                    // a PRACK may have used CSeq numbers of the early dialog: never go back below them
                    while (_dialog.LocalSequence < early.LocalSequence)
                    {
                        _dialog.CreateRequest(SipMethods.Options);
                    }
                }
            }
            else
            {
                _dialog.Confirm(response);
            }

            _dialog.State = SipDialogState.Confirmed;
            _peerAllow = response.GetTokens(SipHeaderNames.Allow);
            cancelled = _cancelRequested;
        }

        await SendAckAsync(exchange.Request, null).ConfigureAwait(false);
        var answer = ParseSdp(response, out var sdpError);
        lock (_gate)
        {
            _state = SipCallState.Connected;
            _localSdp = _offer;
            _remoteSdp = answer;
        }

        if (cancelled || answer is null)
        {
            // A 2xx crossed our CANCEL (§9.1), or the answer is unusable: the dialog is confirmed and must be ended with BYE.
            var why = cancelled ? SipCallEndReason.Cancelled : SipCallEndReason.LocalHangUp;
            await ByeAsync(why, cancelled ? "2xx crossed the CANCEL" : $"no usable SDP answer: {sdpError ?? "empty body"}", cancellationToken).ConfigureAwait(false);
            return new SipDialResult(false, response.StatusCode, response.ReasonPhrase, why, answer);
        }

        ApplySessionTimerFromResponse(response, initial: true);
        await RaiseAsync(SipCallState.Connected, SipCallEndReason.None, response.StatusCode, null, cancellationToken).ConfigureAwait(false);
        return new SipDialResult(true, response.StatusCode, response.ReasonPhrase, SipCallEndReason.None, answer);
    }

    private async Task<SipDialResult> FailDialAsync(int status, string reasonPhrase, SipCallEndReason reason, string? detail, CancellationToken cancellationToken)
    {
        await EndAsync(reason, status, detail ?? $"{status} {reasonPhrase}", cancellationToken).ConfigureAwait(false);
        return new SipDialResult(false, status, reasonPhrase, reason, null);
    }
}
