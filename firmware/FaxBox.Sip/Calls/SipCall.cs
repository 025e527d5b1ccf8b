using System.Text;
using FaxBox.Sip.Dialogs;
using FaxBox.Sip.Messages;
using FaxBox.Sip.Sdp;
using FaxBox.Sip.Transactions;
using FaxBox.Sip.Transport;

namespace FaxBox.Sip.Calls;

/// <summary>
/// One call (an INVITE dialog usage, RFC 3261 §12–§15) with the API the gateway drives: place (<see cref="DialAsync"/>,
/// <see cref="CancelAsync"/>), answer (<see cref="RingAsync"/>, <see cref="AnswerAsync"/>, <see cref="RejectAsync"/>),
/// hang up (<see cref="HangUpAsync"/>), change media (<see cref="ReinviteAsync"/>: to T.38 and back) and decide on the
/// peer's offers (<see cref="OfferHandler"/>). Every state change is raised through the awaited
/// <see cref="StateChanged"/> event. The parts live in partial files by role: UAC (placing), UAS (answering), in-dialog
/// requests, offers and glare, session timers (RFC 4028) with reliable provisionals (RFC 3262) in their own types.
/// </summary>
public sealed partial class SipCall
{
    private readonly SipUserAgent _ua;
    private readonly Lock _gate = new();
    private readonly SemaphoreSlim _offerLock = new(1, 1);
    private readonly SipSessionTimer _sessionTimer;
    private SipTransportProtocol? _protocol;
    private SipDialog? _dialog;
    private SipCallState _state;
    private SipCallEndReason _endReason;
    private SdpSessionDescription? _localSdp;
    private SdpSessionDescription? _remoteSdp;
    private IReadOnlyList<string> _peerAllow = [];
    private (SipRequest Ack, SipEndPoint Destination)? _lastAck;
    private bool _faxActive;

    private SipCall(SipUserAgent ua, SipCallDirection direction, string callId, string localTag, SipUri remoteUri)
    {
        _ua = ua;
        Direction = direction;
        CallId = callId;
        LocalTag = localTag;
        RemoteUri = remoteUri;
        _sessionTimer = new SipSessionTimer(ua.Time, OnRefreshDue, OnSessionExpired);
        StateChanged = new SipAsyncEvent<SipCallStateChange>(nameof(StateChanged), ua.Logger);
        Progress = new SipAsyncEvent<SipCallProgress>(nameof(Progress), ua.Logger);
        InfoReceived = new SipAsyncEvent<SipRequest>(nameof(InfoReceived), ua.Logger);
    }

    public SipCallDirection Direction { get; }

    public string CallId { get; }

    /// <summary>The box's tag (From tag of an outgoing call, To tag of an incoming one).</summary>
    public string LocalTag { get; }

    /// <summary>The peer: the Request-URI of an outgoing call, the From URI of an incoming one.</summary>
    public SipUri RemoteUri { get; }

    public SipCallState State
    {
        get
        {
            lock (_gate)
            {
                return _state;
            }
        }
    }

    public SipCallEndReason EndReason
    {
        get
        {
            lock (_gate)
            {
                return _endReason;
            }
        }
    }

    /// <summary>The dialog once there is one (early or confirmed).</summary>
    public SipDialog? Dialog
    {
        get
        {
            lock (_gate)
            {
                return _dialog;
            }
        }
    }

    /// <summary>The SDP the box sent in the last completed offer/answer (what a session refresh repeats unchanged).</summary>
    public SdpSessionDescription? LocalSdp
    {
        get
        {
            lock (_gate)
            {
                return _localSdp;
            }
        }
    }

    /// <summary>The peer's SDP of the last completed offer/answer.</summary>
    public SdpSessionDescription? RemoteSdp
    {
        get
        {
            lock (_gate)
            {
                return _remoteSdp;
            }
        }
    }

    /// <summary>The negotiated RFC 4028 session interval, or null when no session timer runs.</summary>
    public TimeSpan? SessionInterval => _sessionTimer.Interval;

    /// <summary>True when the box is the session refresher (RFC 4028 §7).</summary>
    public bool IsSessionRefresher => _sessionTimer.Interval is not null && _sessionTimer.BoxRefreshes;

    /// <summary>
    /// Set by the gateway while a fax is in progress. Session refreshes never change the session (UPDATE without SDP, or a
    /// re-INVITE with the current SDP unchanged), and while this is set a refresh that would need a re-INVITE is deferred
    /// until the fax ends (bounded by <see cref="SipUserAgentOptions.FaxRefreshDeferralLimit"/>). Peers' offers carry it
    /// in <see cref="SipOffer.IsFaxActive"/>.
    /// </summary>
    public bool IsFaxActive
    {
        get => Volatile.Read(ref _faxActive);
        set
        {
            bool runDeferred;
            lock (_gate)
            {
                _faxActive = value;
                runDeferred = !value && _refreshDeferred && _state == SipCallState.Connected;
                if (runDeferred)
                {
                    _refreshDeferred = false;
                }
            }

            if (runDeferred)
            {
                _ua.Background.Run(RefreshAsync, "deferred session refresh");
            }
        }
    }

    /// <summary>Every state change, awaited; handler exceptions are logged.</summary>
    public SipAsyncEvent<SipCallStateChange> StateChanged { get; }

    /// <summary>Provisional responses to the box's INVITE (180, 183 with early SDP …).</summary>
    public SipAsyncEvent<SipCallProgress> Progress { get; }

    /// <summary>INFO requests inside the call (RFC 6086 legacy usage, e.g. application/dtmf-relay), already answered 200.</summary>
    public SipAsyncEvent<SipRequest> InfoReceived { get; }

    /// <summary>
    /// Decides on the peer's offers inside the call (re-INVITE, UPDATE with SDP) that change the session. Null refuses
    /// them with 488. Offers that repeat the current session (a session refresh, same o= version) are answered with
    /// <see cref="LocalSdp"/> without asking. Runs on the SIP receive path: decide promptly.
    /// </summary>
    public Func<SipOffer, CancellationToken, ValueTask<SipOfferDecision>>? OfferHandler { get; set; }

    /// <summary>Ends the call whatever its state: CANCEL before an answer, 603 to an unanswered incoming call, else BYE.</summary>
    public async Task HangUpAsync(CancellationToken cancellationToken = default)
    {
        switch (State)
        {
            case SipCallState.Dialing or SipCallState.Proceeding:
                await CancelAsync(cancellationToken).ConfigureAwait(false);
                break;
            case SipCallState.Incoming:
                try
                {
                    await RejectAsync(SipStatusCodes.Decline, null, cancellationToken).ConfigureAwait(false);
                }
                catch (InvalidOperationException)
                {
                    // The INVITE was answered meanwhile: a CANCEL's or BYE's 487 (that path ends the call), or our own
                    // 200 on another thread, which leaves a call to end with BYE.
                    if (State == SipCallState.Connected)
                    {
                        await ByeAsync(SipCallEndReason.LocalHangUp, "hang-up", cancellationToken).ConfigureAwait(false);
                    }
                }

                break;
            case SipCallState.Connected:
                await ByeAsync(SipCallEndReason.LocalHangUp, "hang-up", cancellationToken).ConfigureAwait(false);
                break;
        }
    }

    public override string ToString() => $"{Direction} call {CallId} ({State})";

    /// <summary>Sends BYE in the dialog (through the route set) and ends the call with <paramref name="reason"/>.</summary>
    internal async Task ByeAsync(SipCallEndReason reason, string detail, CancellationToken cancellationToken)
    {
        Task? ack;
        lock (_gate)
        {
            if (_state != SipCallState.Connected || _dialog is null)
            {
                return;
            }

            _state = SipCallState.Terminated;
            _endReason = reason;
            ack = reason == SipCallEndReason.NoAck ? null : _ackArrived?.Task;
        }

        _sessionTimer.Stop();
        if (ack is not null && !ack.IsCompleted)
        {
            // The callee must not send BYE before the ACK of its 2xx arrives or the transaction gives up (§15).
            await Task.WhenAny(ack, Task.Delay(_ua.Layer.TimerOptions.TransactionTimeout, _ua.Time, cancellationToken)).ConfigureAwait(false);
        }

        int? status = null;
        try
        {
            var bye = await SendInDialogAsync(SipMethods.Bye, null).ConfigureAwait(false);
            status = bye.Response.StatusCode;
            if (!bye.Response.IsSuccess)
            {
                SipCallLog.RequestFailed(_ua.Logger, CallId, SipMethods.Bye, bye.Response.StatusCode, bye.Response.ReasonPhrase);
            }
        }
        finally
        {
            _ua.Forget(this);
            await RaiseAsync(SipCallState.Terminated, reason, status, detail, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Ends the call without sending anything more (the peer ended it, or the dialog is gone).</summary>
    internal async ValueTask EndAsync(SipCallEndReason reason, int? status, string? detail, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_state == SipCallState.Terminated)
            {
                return;
            }

            _state = SipCallState.Terminated;
            _endReason = reason;
        }

        _sessionTimer.Stop();
        _reliable?.Dispose();
        _ua.Forget(this);
        await RaiseAsync(SipCallState.Terminated, reason, status, detail, cancellationToken).ConfigureAwait(false);
    }

    private async ValueTask RaiseAsync(SipCallState state, SipCallEndReason reason, int? status, string? detail, CancellationToken cancellationToken)
    {
        SipCallLog.StateChanged(_ua.Logger, CallId, state, reason, status, detail);
        await StateChanged.InvokeAsync(new SipCallStateChange(this, state, reason, status, detail), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Sends an in-dialog request (§12.2.1.1) with the next CSeq through the route set, answering challenges; <paramref name="fill"/>
    /// adds headers and body.
    /// </summary>
    private async Task<SipExchange> SendInDialogAsync(string method, Action<SipRequest>? fill, Action<SipClientTransaction>? configure = null)
    {
        SipDialog dialog;
        lock (_gate)
        {
            dialog = _dialog ?? throw new InvalidOperationException($"{this} has no dialog for {method}");
        }

        var hop = dialog.RouteSet.Count > 0 ? dialog.RouteSet[0].Uri : dialog.RemoteTarget;
        var destination = (await _ua.LocateAsync(hop, _protocol, outOfDialog: false, CancellationToken.None).ConfigureAwait(false))[0];
        return await _ua.SendWithChallengesAsync(
            credentials =>
            {
                SipRequest request;
                lock (_gate)
                {
                    request = dialog.CreateRequest(method);
                }

                request.Headers.Add(SipHeaderNames.UserAgent, _ua.Options.UserAgent);
                fill?.Invoke(request);
                foreach (var (name, value) in credentials)
                {
                    request.Headers.Add(name, value);
                }

                if (!request.Headers.Contains(SipHeaderNames.ContentLength))
                {
                    request.SetBody(null, ReadOnlyMemory<byte>.Empty);
                }

                return request;
            },
            destination,
            configure).ConfigureAwait(false);
    }

    /// <summary>Where an in-dialog request goes: the first route, else the remote target (§12.2.1.1), over the call's transport.</summary>
    private async Task<SipEndPoint> NextHopAsync(SipRequest request)
    {
        var targets = await _ua.LocateAsync(SipDialog.NextHop(request), _protocol, outOfDialog: false, CancellationToken.None).ConfigureAwait(false);
        return targets[0];
    }

    /// <summary>Sends the ACK for the 2xx to the INVITE <paramref name="invite"/> (§13.2.2.4) and keeps it for 2xx retransmissions.</summary>
    private async Task SendAckAsync(SipRequest invite, SdpSessionDescription? body)
    {
        SipRequest ack;
        lock (_gate)
        {
            ack = _dialog!.CreateAck(invite.CSeq!.Value.Number);
        }

        foreach (var h in invite.Headers.FindAll("Proxy-Authorization").Concat(invite.Headers.FindAll("Authorization")))
        {
            ack.Headers.Add(h.Name, h.Value); // §22.1: the ACK for a 2xx carries the INVITE's credentials
        }

        if (body is not null)
        {
            ack.SetBody("application/sdp", Encoding.UTF8.GetBytes(body.ToString()));
        }
        else
        {
            ack.SetBody(null, ReadOnlyMemory<byte>.Empty);
        }

        var destination = await NextHopAsync(ack).ConfigureAwait(false);
        lock (_gate)
        {
            _lastAck = (ack, destination);
        }

        _ua.Layer.SendAck(ack, destination);
    }

    /// <summary>A 2xx to an INVITE of this call came again (lost ACK): the same ACK again (§13.2.2.4).</summary>
    private ValueTask OnSuccessRetransmittedAsync(SipResponse response)
    {
        (SipRequest Ack, SipEndPoint Destination)? last;
        lock (_gate)
        {
            last = _lastAck;
        }

        if (last is { } l && l.Ack.CSeq!.Value.Number == response.CSeq!.Value.Number)
        {
            _ua.Layer.SendAck(l.Ack, l.Destination);
        }

        return ValueTask.CompletedTask;
    }

    private void AddContactAndCapabilities(SipMessage message, SipTransportProtocol protocol)
    {
        message.Headers.Set(SipHeaderNames.Contact, $"<{_ua.ContactFor(protocol)}>");
        _ua.AddCapabilities(message);
    }

    private static SdpSessionDescription? ParseSdp(SipMessage message, out string? error)
    {
        error = null;
        if (message.Body.IsEmpty)
        {
            return null;
        }

        if (SdpSessionDescription.TryParse(message.BodyText, out var sdp, out error))
        {
            return sdp;
        }

        return null;
    }

    private static byte[] Bytes(SdpSessionDescription sdp) => Encoding.UTF8.GetBytes(sdp.ToString());

    /// <summary>True when <paramref name="offer"/> repeats the peer's current description (same o= session id and version, RFC 3264 §8).</summary>
    private bool RepeatsRemote(SdpSessionDescription offer)
    {
        var current = _remoteSdp;
        return current is not null
            && offer.Origin.SessionId == current.Origin.SessionId
            && offer.Origin.SessionVersion == current.Origin.SessionVersion
            && offer.Origin.UserName == current.Origin.UserName;
    }
}
