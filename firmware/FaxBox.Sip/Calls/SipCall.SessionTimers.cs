using FaxBox.Sip.Dialogs;
using FaxBox.Sip.Messages;
using FaxBox.Sip.Transactions;

namespace FaxBox.Sip.Calls;

/// <summary>
/// Session timers (RFC 4028): negotiation as UAS and UAC, and the refresh. A refresh never changes the session: UPDATE
/// without SDP when the peer allows UPDATE, else a re-INVITE with <see cref="LocalSdp"/> unchanged (same o= version);
/// while <see cref="IsFaxActive"/> the re-INVITE kind is deferred until the fax ends (bounded).
/// </summary>
public sealed partial class SipCall
{
    private bool _refreshDeferred;

    /// <summary>
    /// The UAS side of the negotiation (RFC 4028 §9) for a request that may carry Session-Expires: 422 with our Min-SE when
    /// it is below it (and the UAC supports timer); else the interval (at most ours) and refresher to put in the 2xx,
    /// where the box takes the refresher role when the request leaves it open, so that refreshes stay fax-safe.
    /// </summary>
    private bool NegotiateAsUas(SipRequest request, SipServerTransaction transaction, out SipResponse? refusal)
    {
        refusal = null;
        var options = _ua.Options;
        var uacSupports = request.Supports("timer");
        var requested = SipSessionExpires.From(request);
        SipSessionExpires? chosen = null;
        if (options.SessionExpires > TimeSpan.Zero)
        {
            if (requested is { } se)
            {
                if (se.Interval < options.MinSessionExpires && uacSupports)
                {
                    refusal = transaction.CreateResponse(SipStatusCodes.SessionIntervalTooSmall);
                    refusal.Headers.Add(SipHeaderNames.MinSE, SipSessionExpires.Seconds(options.MinSessionExpires));
                    return false;
                }

                var interval = se.Interval < options.SessionExpires ? se.Interval : options.SessionExpires;
                var floor = SipSessionExpires.MinSE(request) is { } minSe && minSe > options.MinSessionExpires ? minSe : options.MinSessionExpires;
                interval = interval < floor ? floor : interval;
                var refresher = uacSupports && se.Refresher is { } r ? r : SipSessionExpires.Uas;
                chosen = new SipSessionExpires(interval, refresher);
            }
            else if (uacSupports)
            {
                chosen = new SipSessionExpires(options.SessionExpires, SipSessionExpires.Uas);
            }
        }

        lock (_gate)
        {
            _uasSessionExpires = chosen;
            _uasRequireTimer = chosen is not null && uacSupports;
        }

        return true;
    }

    /// <summary>Session-Expires (and Require: timer when the UAC supports it) in a 2xx of the box as UAS.</summary>
    private void AddSessionTimerHeaders(SipResponse response)
    {
        if (_uasSessionExpires is { } se)
        {
            response.Headers.Set(SipHeaderNames.SessionExpires, se.ToString());
            if (_uasRequireTimer)
            {
                response.Headers.Add(SipHeaderNames.Require, "timer");
            }
        }
    }

    private void ArmUasSessionTimer()
    {
        if (_uasSessionExpires is { } se)
        {
            _sessionTimer.Arm(se.Interval, boxRefreshes: se.Refresher == SipSessionExpires.Uas);
        }
    }

    /// <summary>Session-Expires and refresher in a request of the box (the box keeps its current role).</summary>
    private void AddRefreshHeaders(SipRequest request)
    {
        var interval = _sessionTimer.Interval ?? (_ua.Options.SessionExpires > TimeSpan.Zero ? _requestedIntervalOrDefault : TimeSpan.Zero);
        if (interval <= TimeSpan.Zero)
        {
            return;
        }

        var refresher = _sessionTimer.Interval is null || _sessionTimer.BoxRefreshes ? SipSessionExpires.Uac : SipSessionExpires.Uas;
        request.Headers.Set(SipHeaderNames.SessionExpires, new SipSessionExpires(interval, refresher).ToString());
        request.Headers.Set(SipHeaderNames.MinSE, SipSessionExpires.Seconds(_ua.Options.MinSessionExpires));
    }

    private TimeSpan _requestedIntervalOrDefault => _requestedInterval > TimeSpan.Zero ? _requestedInterval : _ua.Options.SessionExpires;

    /// <summary>The UAC side (RFC 4028 §7.2): the 2xx says the interval and who refreshes ("uac" is the box here).</summary>
    private void ApplySessionTimerFromResponse(SipResponse response, bool initial)
    {
        if (SipSessionExpires.From(response) is { } se)
        {
            _sessionTimer.Arm(se.Interval, boxRefreshes: se.Refresher is null or SipSessionExpires.Uac);
        }
        else if (!initial && _sessionTimer.Interval is { } interval)
        {
            _sessionTimer.Arm(interval, _sessionTimer.BoxRefreshes); // any 2xx to a re-INVITE/UPDATE refreshes the session
        }
    }

    /// <summary>
    /// How long into the interval a refresh may be deferred during a fax: the configured fraction, but never later than
    /// 90 % of the time at which the peer gives up (interval − min(32 s, interval/3), RFC 4028 §10).
    /// </summary>
    internal static TimeSpan DeferralDeadline(TimeSpan interval, double fraction)
    {
        var configured = interval * fraction;
        var safe = SipSessionTimer.ExpiryCheck(interval) * 0.9;
        var deadline = configured < safe ? configured : safe;
        return deadline > interval / 2 ? deadline : interval / 2;
    }

    private void OnRefreshDue() => _ua.Background.Run(RefreshAsync, "session refresh");

    private void OnSessionExpired() =>
        _ua.Background.Run(() => ByeAsync(SipCallEndReason.SessionExpired, "no session refresh in time (RFC 4028 §10)", CancellationToken.None), "session expiry");

    /// <summary>One session refresh by the box (RFC 4028 §7.4, §10).</summary>
    private async Task RefreshAsync()
    {
        var generation = _sessionTimer.Generation;
        bool useUpdate;
        lock (_gate)
        {
            if (_state != SipCallState.Connected)
            {
                return;
            }

            useUpdate = _peerAllow.Contains(SipMethods.Update, StringComparer.OrdinalIgnoreCase);
            if (!useUpdate && _faxActive && _sessionTimer.Interval is { } interval)
            {
                var elapsed = _ua.Time.GetUtcNow() - _sessionTimer.StartedAt;
                var limit = DeferralDeadline(interval, _ua.Options.FaxRefreshDeferralLimit);
                if (elapsed < limit)
                {
                    _refreshDeferred = true;
                    _sessionTimer.RefreshAgainIn(limit - elapsed);
                    SipCallLog.RefreshDeferred(_ua.Logger, CallId);
                    return;
                }
            }

            _refreshDeferred = false;
        }

        await _offerLock.WaitAsync().ConfigureAwait(false);
        try
        {
            if (_sessionTimer.Generation != generation)
            {
                return; // a re-INVITE or UPDATE since then refreshed the session already
            }

            for (var attempt = 0; attempt <= _ua.Options.MaxGlareRetries + 2; attempt++)
            {
                if (State != SipCallState.Connected)
                {
                    return;
                }

                var method = useUpdate ? SipMethods.Update : SipMethods.Invite;
                var sdp = useUpdate ? null : LocalSdp;
                SipCallLog.SessionRefresh(_ua.Logger, CallId, method, useUpdate ? "no SDP" : "current SDP unchanged");
                var exchange = await SendOfferAsync(method, sdp).ConfigureAwait(false);
                var response = exchange.Response;
                if (response.IsSuccess)
                {
                    var answer = ParseSdp(response, out _);
                    if (!useUpdate)
                    {
                        await SendAckAsync(exchange.Request, null).ConfigureAwait(false);
                    }

                    CompleteOwnOffer(response, sdp, answer);
                    return;
                }

                switch (response.StatusCode)
                {
                    case SipStatusCodes.RequestPending:
                        var delay = GlareBackoff.Next(Direction == SipCallDirection.Outgoing, _ua.Random);
                        SipCallLog.GlareBackoff(_ua.Logger, CallId, method, delay);
                        await Task.Delay(delay, _ua.Time).ConfigureAwait(false);
                        if (_sessionTimer.Generation != generation)
                        {
                            return;
                        }

                        continue;
                    case SipStatusCodes.SessionIntervalTooSmall when SipSessionExpires.MinSE(response) is { } minSe:
                        _requestedInterval = minSe;
                        _sessionTimer.Arm(minSe, boxRefreshes: true);
                        generation = _sessionTimer.Generation;
                        continue;
                    case SipStatusCodes.MethodNotAllowed or SipStatusCodes.NotImplemented when useUpdate:
                        lock (_gate)
                        {
                            _peerAllow = [.. _peerAllow.Where(m => m != SipMethods.Update)];
                        }

                        useUpdate = false;
                        continue;
                }

                if (!await EndOnDialogErrorAsync(exchange, CancellationToken.None).ConfigureAwait(false))
                {
                    SipCallLog.RequestFailed(_ua.Logger, CallId, method, response.StatusCode, response.ReasonPhrase);
                    _sessionTimer.ExpireAtEndOfInterval();
                }

                return;
            }
        }
        finally
        {
            _offerLock.Release();
        }
    }
}
