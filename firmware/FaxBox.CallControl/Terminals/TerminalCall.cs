using FaxBox.CallControl.Calls;
using FaxBox.CallControl.Configuration;
using FaxBox.CallControl.Signalling;
using FaxBox.Core.Status;
using FaxBox.Fax;
using FaxBox.Fax.Tones;
using FaxBox.Sip.Calls;
using FaxBox.Sip.Sdp;
using Microsoft.Extensions.Logging;

namespace FaxBox.CallControl.Terminals;

/// <summary>
/// One call of the box's own fax terminal, either way: the SIP call, its SDP negotiator and its <see cref="TerminalMedia"/>.
/// It starts on G.711 audio (fax-adapted) with the engine's audio terminal and moves to the engine's T.38 terminal when
/// T.38 is agreed — the peer's re-INVITE accepted, or the box's own: as the caller when the far end has not re-INVITEd
/// within <see cref="FaxOptions.T38Timeout"/>, as the answerer on CNG or the V.21 preamble. A refused or unanswered T.38
/// re-INVITE leaves the call on G.711 and the record says why. Once T.30 reaches phase E the call is released after a
/// short drain (the sender hangs up first; the receiver waits for the sender's BYE a little longer).
/// <para>
/// Threads: the media thread (the terminal calls' tick) runs everything but <see cref="HandleOfferAsync"/>, which answers
/// the peer's offers on a SIP thread and posts the switch to the media thread. SIP operations leave the media thread
/// through <see cref="GatewayContext.Background"/>. The negotiator is guarded by one lock.
/// </para>
/// </summary>
internal sealed partial class TerminalCall
{
    /// <summary>How long the sending side waits after phase E before its BYE (the last DCN repeats leave meanwhile).</summary>
    public static readonly TimeSpan SenderDrain = TimeSpan.FromMilliseconds(500);

    /// <summary>How long the receiving side waits after phase E for the sender's BYE before hanging up itself.</summary>
    public static readonly TimeSpan ReceiverDrain = TimeSpan.FromSeconds(3);

    /// <summary>How long media keeps running after the far end's BYE when T.30 had not ended (its last frames may be in flight).</summary>
    public static readonly TimeSpan RemoteEndDrain = TimeSpan.FromSeconds(1);

    private readonly TerminalCalls _owner;
    private readonly TerminalShard _shard;
    private readonly GatewayContext _context;
    private readonly SdpNegotiator _negotiator;
    private readonly FaxOptions _fax;
    private readonly FaxTerminalOptions _terminal;
    private readonly bool _t38Wanted;
    private readonly ILogger _logger;
    private readonly Lock _gate = new();
    private TerminalCallState _state = TerminalCallState.Calling;
    private TimeSpan _createdAt;
    private DateTimeOffset _createdUtc;
    private TimeSpan _connectedAt;
    private TimeSpan _endAt = TimeSpan.MaxValue;
    private DateTimeOffset _started;
    private bool _t38Tried;
    private bool _reinvitePending;
    private bool _fellBack;
    private bool _cancelled;
    private bool _ringTimedOut;
    private string _modeReason = "G.711 (fax-adapted)";
    private T38Session? _t38;
    private CallMediaMode _publishedMode = CallMediaMode.None;
    private string? _endDetail;
    private bool _peerGone;
    private (long Received, long Refused) _liveness;

    /// <summary>How long a far end that refuses our datagrams may stay silent before the call is ended as dead.</summary>
    public static readonly TimeSpan DeadPeerAfter = TimeSpan.FromSeconds(3);
    private TimeSpan _heardAt;
    private TimeSpan _refusedAt = TimeSpan.MinValue;

    public TerminalCall(TerminalCalls owner, TerminalShard shard, GatewayContext context, SipAccount account, string direction, FaxTerminalOptions terminal, bool t38Wanted, string? localNumber, string? remoteNumber)
    {
        _owner = owner;
        _shard = shard;
        _context = context;
        _fax = context.Options.Fax;
        _terminal = terminal;
        _t38Wanted = t38Wanted;
        Account = account;
        Direction = direction;
        LocalNumber = localNumber;
        RemoteNumber = remoteNumber;
        _logger = context.Loggers.CreateLogger<TerminalCall>();
        Media = owner.Media.CreateTerminal(OnFaxProgress, OnTone);
        _negotiator = context.CreateNegotiator(Media.AudioEndPoint, Media.ImageEndPoint, _fax, t38Wanted, MaxBitRateOf(terminal.Modems));
    }

    public SipAccount Account { get; }

    public TerminalMedia Media { get; }

    public SipCall? Sip { get; private set; }

    /// <summary>"outbound" (the box sends) or "inbound" (the box receives).</summary>
    public string Direction { get; }

    public string? LocalNumber { get; }

    public string? RemoteNumber { get; }

    /// <summary>True once the call has ended and its outcome was handed over.</summary>
    public bool IsDone => _state == TerminalCallState.Done;

    /// <summary>Called once on the media thread when the call has ended (outcome, record), before the media is freed.</summary>
    public Action<TerminalCall, TerminalCallEnd>? Ended { get; set; }

    /// <summary>Called on the media thread at each T.30 phase (B, D per page, E).</summary>
    public IProgress<FaxProgress>? Progress { get; set; }

    /// <summary>The box's first offer: G.711 audio.</summary>
    public SdpSessionDescription CreateAudioOffer()
    {
        lock (_gate)
        {
            return _negotiator.CreateOffer(SdpMediaKind.Audio);
        }
    }

    /// <summary>The answer to an incoming INVITE's offer.</summary>
    public SdpAnswer AnswerInitialOffer(SdpSessionDescription offer)
    {
        lock (_gate)
        {
            return _negotiator.CreateAnswer(offer);
        }
    }

    /// <summary>Attaches the SIP call and takes over its peer's offers and its end; any thread, before it is ticked.</summary>
    public void Attach(SipCall sip)
    {
        Sip = sip;
        sip.OfferHandler = HandleOfferAsync;
        sip.StateChanged.Add((change, _) =>
        {
            if (change.State == SipCallState.Terminated)
            {
                _shard.Post(() => RemoteEnded(change));
            }

            return ValueTask.CompletedTask;
        });
    }

    /// <summary>Media thread: the call joins the tick at <paramref name="now"/>; publishes it.</summary>
    public void Begin(TimeSpan now)
    {
        _createdAt = now;
        _createdUtc = _context.Status.Time.GetUtcNow();
        Publish(force: true);
    }

    /// <summary>Media thread: the box's INVITE ended (answered or not).</summary>
    public void Dialled(SdpSessionDescription offer, SipDialResult result, TimeSpan now)
    {
        if (_state != TerminalCallState.Calling)
        {
            return;
        }

        if (result.Connected && _cancelled)
        {
            // A 2xx crossed the CANCEL: release it at once.
            if (Sip is { } crossed)
            {
                _context.Background.Run($"terminal: hang up {crossed.CallId}", () => crossed.HangUpAsync());
            }

            Finish(new TerminalCallEnd(FaxCallOutcomeKind.Cancelled, "cancelled", null, null, null));
            return;
        }

        if (result.Connected && result.Answer is not null)
        {
            SdpMediaSession session;
            lock (_gate)
            {
                session = _negotiator.ReadAnswer(offer, result.Answer);
            }

            Connected(session, now);
            return;
        }

        var kind = _cancelled ? FaxCallOutcomeKind.Cancelled
            : _ringTimedOut ? FaxCallOutcomeKind.NoAnswer
            : OutcomeKindFor(result.StatusCode);
        var reason = _ringTimedOut ? $"no answer within {_owner.Options.RingTimeout.TotalSeconds:0} s" : $"{result.StatusCode} {result.ReasonPhrase}".Trim();
        LogNotConnected(_logger, Sip?.CallId ?? "", RemoteNumber ?? "", reason);
        Finish(new TerminalCallEnd(kind, reason, result.StatusCode is >= 300 and <= 699 ? result.StatusCode : null, null, null));
    }

    /// <summary>Media thread: the call is up with <paramref name="session"/>; the terminal starts.</summary>
    public void Connected(SdpMediaSession session, TimeSpan now)
    {
        if (_state != TerminalCallState.Calling)
        {
            return;
        }

        _state = TerminalCallState.Connected;
        _connectedAt = now;
        _started = _context.Status.Time.GetUtcNow();
        if (Sip is { } sip)
        {
            sip.IsFaxActive = true; // session refreshes wait while the fax runs
        }

        Apply(session, session.Kind == SdpMediaKind.T38 ? "T.38 in the initial offer/answer" : _modeReason);
    }

    /// <summary>Media thread: ends the call from this side (job cancelled, box stopping).</summary>
    public void Cancel(string why)
    {
        _cancelled = true;
        switch (_state)
        {
            case TerminalCallState.Calling when Sip is { } sip:
                _context.Background.Run($"terminal: CANCEL {sip.CallId}", () => sip.CancelAsync().AsTask());
                break;
            case TerminalCallState.Connected or TerminalCallState.Ending:
                Finish(End(why));
                break;
        }
    }

    /// <summary>Media thread: one 20 ms frame (media, timers, the release after phase E).</summary>
    public void Tick(TimeSpan now)
    {
        switch (_state)
        {
            case TerminalCallState.Calling:
                if (!_ringTimedOut && now - _createdAt >= _owner.Options.RingTimeout && Sip is { } ringing)
                {
                    _ringTimedOut = true;
                    CancelUnanswered(ringing);
                }

                return;
            case TerminalCallState.Done:
                return;
        }

        Media.Tick();
        var terminal = Media.Terminal;
        if (_state == TerminalCallState.Connected)
        {
            WatchPeer(now);
        }

        if (_state == TerminalCallState.Connected)
        {
            if (terminal is { IsComplete: true })
            {
                _state = TerminalCallState.Ending;
                _endAt = now + (_terminal.Direction == FaxDirection.Send ? SenderDrain : ReceiverDrain);
            }
            else if (Direction == "outbound" && _t38Wanted && !_t38Tried && Media.Mode == CallMediaMode.G711Fax && now - _connectedAt >= _fax.T38Timeout)
            {
                OfferT38($"box re-INVITE: no T.38 re-INVITE from the far end within {_fax.T38Timeout.TotalSeconds:0.#} s");
            }
        }

        if (_state == TerminalCallState.Ending && (now >= _endAt || terminal is { IsComplete: true } && _endDetail is not null))
        {
            Finish(End(_endDetail));
        }

        if (Media.Mode != _publishedMode)
        {
            Publish();
        }
    }

    /// <summary>
    /// Sends CANCEL for an INVITE nobody answered. A method of its own: a lambda capturing a local of <see cref="Tick"/>
    /// made the compiler allocate its closure at every tick of every call (24 octets a frame, a third of what a T.38
    /// terminal call allocated).
    /// </summary>
    private void CancelUnanswered(SipCall ringing) =>
        _context.Background.Run($"terminal: CANCEL {ringing.CallId} (no answer)", () => ringing.CancelAsync().AsTask());

    /// <summary>
    /// Media thread: a far end whose host refuses our datagrams (its media port is closed: the process died or hung up
    /// without a BYE) and that has sent nothing for <see cref="DeadPeerAfter"/> is gone: the call ends now as a failure
    /// (pages already confirmed are kept) instead of waiting out T.30's timeouts and the SIP session. A quiet peer that
    /// is still there (a receiver during a long page) never refuses, so it is not taken for dead.
    /// </summary>
    private void WatchPeer(TimeSpan now)
    {
        var liveness = Media.Liveness;
        if (_heardAt == TimeSpan.Zero || liveness.Received != _liveness.Received)
        {
            _heardAt = now;
        }

        if (liveness.Refused != _liveness.Refused)
        {
            _refusedAt = now;
        }

        _liveness = liveness;
        if (_refusedAt > _heardAt && now - _heardAt >= DeadPeerAfter)
        {
            _state = TerminalCallState.Ending;
            _peerGone = true;
            _endDetail = $"the far end stopped answering (its media port is closed; nothing heard for {(now - _heardAt).TotalSeconds:0} s)";
            _endAt = now;
        }
    }

    /// <summary>The outcome kind for a final SIP status of the INVITE (FaxCallOutcomeKind's documented mapping).</summary>
    public static FaxCallOutcomeKind OutcomeKindFor(int statusCode) => statusCode switch
    {
        486 or 600 => FaxCallOutcomeKind.Busy,
        408 or 480 or 487 => FaxCallOutcomeKind.NoAnswer,
        0 or 500 or 502 or 503 or 504 or 505 or 513 => FaxCallOutcomeKind.NetworkError,
        >= 400 and <= 699 => FaxCallOutcomeKind.Rejected,
        _ => FaxCallOutcomeKind.NetworkError,
    };

    /// <summary>The T38FaxMaxBitRate to offer for the modems a terminal may use.</summary>
    public static int MaxBitRateOf(FaxModems modems) =>
        (modems & FaxModems.V17) != 0 ? 14_400 : (modems & FaxModems.V29) != 0 ? 9_600 : 4_800;

    /// <summary>The modems a terminal may use for a highest image rate: 14400 V.17, 9600 V.29, 4800 V.27ter (and the slower ones).</summary>
    public static FaxModems ModemsFor(int maxBitRate) => maxBitRate switch
    {
        >= 14_400 => FaxModems.All,
        >= 7_200 => FaxModems.V27ter | FaxModems.V29,
        _ => FaxModems.V27ter,
    };

    /// <summary>The peer's offer inside the call: T.38 (accepted when this call may use it), back to audio, or a refresh.</summary>
    private ValueTask<SipOfferDecision> HandleOfferAsync(SipOffer offer, CancellationToken cancellationToken)
    {
        SdpAnswer answer;
        lock (_gate)
        {
            if (_state is TerminalCallState.Done)
            {
                return ValueTask.FromResult(SipOfferDecision.Refuse());
            }

            answer = _negotiator.CreateAnswer(offer.Offer);
        }

        if (!answer.IsAcceptable)
        {
            LogOfferRefused(_logger, Sip?.CallId ?? "", answer.Reason ?? "no acceptable stream");
            return ValueTask.FromResult(SipOfferDecision.Refuse());
        }

        var session = answer.Session;
        _shard.Post(() => Apply(session, session.Kind == SdpMediaKind.T38 ? "peer re-INVITE to T.38" : "peer re-INVITE to audio"));
        return ValueTask.FromResult(SipOfferDecision.Accept(answer.Description));
    }

    /// <summary>Media thread: puts <paramref name="session"/> into effect.</summary>
    private void Apply(SdpMediaSession session, string reason)
    {
        if (_state is not (TerminalCallState.Connected or TerminalCallState.Ending) || session.Remote is null)
        {
            return; // ended meanwhile, or a hold: the media keeps what it has
        }

        switch (session.Kind)
        {
            case SdpMediaKind.T38 when session.T38 is not null:
                _t38 = session.T38;
                _reinvitePending = false;
                _modeReason = reason;
                Media.StopWatchingTones();
                Media.UseT38(session.Remote, session.T38, _fax, _terminal);
                LogMode(_logger, Sip?.CallId ?? "", CallMediaMode.T38, reason);
                break;
            case SdpMediaKind.Audio:
                if (Media.Mode == CallMediaMode.T38)
                {
                    _t38 = null;
                    _modeReason = reason;
                }

                bool watch = Direction == "inbound" && _t38Wanted && !_t38Tried && _owner.Options.Receive == FaxTransport.T38;
                Media.UseAudio(session.Remote, session.AudioPayloadType, _fax, _terminal, watch);
                LogMode(_logger, Sip?.CallId ?? "", CallMediaMode.G711Fax, _modeReason);
                break;
        }

        Publish();
    }

    /// <summary>Media thread: the answering terminal heard CNG or the V.21 preamble from the far end.</summary>
    private void OnTone(FaxTone tone)
    {
        if (_state != TerminalCallState.Connected || _t38Tried || Media.Mode != CallMediaMode.G711Fax || Media.Now > _fax.DetectWindow)
        {
            return;
        }

        OfferT38($"box re-INVITE on {tone}");
    }

    private void OfferT38(string reason)
    {
        _t38Tried = true;
        _reinvitePending = true;
        Media.StopWatchingTones();
        SdpSessionDescription offer;
        lock (_gate)
        {
            offer = _negotiator.CreateOffer(SdpMediaKind.T38);
        }

        var sip = Sip!;
        var timeout = _fax.T38Timeout;
        LogOfferingT38(_logger, sip.CallId, reason);
        _context.Background.Run($"terminal: T.38 re-INVITE {sip.CallId}", async () =>
        {
            var reinvite = sip.ReinviteAsync(offer);
            if (await Task.WhenAny(reinvite, Task.Delay(timeout, _context.Time)).ConfigureAwait(false) != reinvite)
            {
                _shard.Post(() => T38NotAgreed($"T.38 re-INVITE timed out after {timeout.TotalSeconds:0.#} s"));
            }

            var result = await reinvite.ConfigureAwait(false);
            _shard.Post(() => OnT38Result(offer, result, reason));
        });
    }

    /// <summary>Media thread: the box's T.38 re-INVITE ended.</summary>
    private void OnT38Result(SdpSessionDescription offer, SipReinviteResult result, string reason)
    {
        if (result.Outcome == SipReinviteOutcome.Accepted && result.Answer is not null)
        {
            SdpMediaSession session;
            lock (_gate)
            {
                session = _negotiator.ReadAnswer(offer, result.Answer);
            }

            if (session.Kind == SdpMediaKind.T38)
            {
                Apply(session, _fellBack ? $"{reason} (answered late)" : reason);
                _fellBack = false;
                return;
            }

            T38NotAgreed("the peer answered the T.38 offer without T.38");
            return;
        }

        if (result.Outcome == SipReinviteOutcome.Refused)
        {
            T38NotAgreed($"T.38 refused: {result.StatusCode} {result.Detail}".TrimEnd());
        }
    }

    /// <summary>Media thread: T.38 was refused or timed out; the call carries on over G.711 (the audio session never changed).</summary>
    private void T38NotAgreed(string why)
    {
        if (!_reinvitePending || _state != TerminalCallState.Connected || Media.Mode == CallMediaMode.T38)
        {
            return;
        }

        _reinvitePending = false;
        _fellBack = true;
        _modeReason = $"{why}; carried on over G.711";
        LogFallBack(_logger, Sip?.CallId ?? "", why);
    }

    /// <summary>Media thread: the SIP call ended (either side).</summary>
    private void RemoteEnded(SipCallStateChange change)
    {
        var why = change.Detail ?? change.Reason.ToString();
        switch (_state)
        {
            case TerminalCallState.Calling when Direction == "inbound":
                // The caller cancelled (or the answer failed) before the call was up: the sink still hears of it.
                Finish(new TerminalCallEnd(FaxCallOutcomeKind.FaxFailed, $"call ended before it was answered ({why})", null, null, null));
                return;
            case TerminalCallState.Calling:
                return; // the INVITE's result (Dialled) reports it
            case TerminalCallState.Connected:
                _state = TerminalCallState.Ending;
                _endDetail = $"call ended by the far end ({why})";
                _endAt = Media.Terminal is { IsComplete: true } ? _shard.Now : _shard.Now + RemoteEndDrain;
                break;
            case TerminalCallState.Ending:
                _endDetail ??= $"call ended by the far end ({why})";
                _endAt = _shard.Now;
                break;
        }
    }

    /// <summary>Media thread: the outcome of a call that was connected, from its terminal's result.</summary>
    private TerminalCallEnd End(string? detail)
    {
        var terminal = Media.Terminal;
        if (terminal is not null && !terminal.IsComplete)
        {
            terminal.Abort();
        }

        var result = terminal?.Result;
        if (result is { Success: true })
        {
            return new TerminalCallEnd(FaxCallOutcomeKind.Sent, "ok", null, result, Record(result, detail));
        }

        var text = result?.T30Text ?? "no fax session";
        if (_cancelled)
        {
            return new TerminalCallEnd(FaxCallOutcomeKind.Cancelled, detail ?? "cancelled", null, result, Record(result, detail));
        }

        var reason = detail is null ? text : $"{text}; {detail}";

        // A far end that vanished (its host refuses our media) says nothing about how the fax fared on this rung: the
        // queue retries it like a network failure instead of stepping down the ladder (a receiver that restarts a few
        // times must not use up every rung).
        var kind = _peerGone ? FaxCallOutcomeKind.NetworkError : FaxCallOutcomeKind.FaxFailed;
        return new TerminalCallEnd(kind, reason, null, result, Record(result, detail));
    }

    private FaxRecord Record(FaxResult? result, string? detail)
    {
        var statistics = result?.Statistics ?? Media.Terminal?.GetStatistics() ?? default;
        var t38 = _t38 is { } t
            ? new FaxT38Parameters(t.Version, t.MaxBitRate, t.RateManagement == T38RateManagement.LocalTcf ? "localTCF" : "transferredTCF", t.ErrorCorrection.ToString().ToLowerInvariant(), t.RemoteMaxDatagram)
            : null;
        var text = result is null ? detail ?? "no fax session" : result.Success || detail is null ? result.T30Text : $"{result.T30Text}; {detail}";
        var record = new FaxRecord(
            _context.NextFaxRecordId(), Sip?.CallId ?? "", TerminalCalls.PortName, Direction, LocalNumber, RemoteNumber,
            _started, _context.Status.Time.GetUtcNow(), t38 is not null ? CallMediaMode.T38 : CallMediaMode.G711Fax, _modeReason, t38,
            statistics.PagesTransferred, statistics.BitRate, statistics.Ecm, result?.Success == true, text, Media.Network());
        return Media.Ladder.AttachTo(record);
    }

    /// <summary>Media thread: hands the outcome over once, publishes the record, hangs up and frees the media.</summary>
    private void Finish(TerminalCallEnd end)
    {
        if (_state == TerminalCallState.Done)
        {
            return;
        }

        var wasUp = _state is TerminalCallState.Connected or TerminalCallState.Ending;
        lock (_gate)
        {
            _state = TerminalCallState.Done;
        }

        if (Sip is { } sip)
        {
            sip.IsFaxActive = false;
            _context.Status.RemoveCall(sip.CallId);
            if (wasUp && sip.State != SipCallState.Terminated)
            {
                _context.Background.Run($"terminal: hang up {sip.CallId}", () => sip.HangUpAsync());
            }
        }

        if (end.Record is { } record)
        {
            _context.Status.AddFax(record, _fellBack);
            LogRecord(_logger, record.CallId, record.Direction, record.Mode, record.ModeReason, record.Pages, record.BitRate, record.Ecm, record.Result);
        }

        try
        {
            Ended?.Invoke(this, end);
        }
        finally
        {
            Media.Dispose();
        }
    }

    private void OnFaxProgress(object? sender, FaxProgressEventArgs e)
    {
        var progress = new FaxProgress(Sip?.CallId ?? "", TerminalCalls.PortName, e.Phase.ToString(), e.Statistics.PagesTransferred, e.Statistics.BitRate, e.Statistics.Ecm, _context.Status.Time.GetUtcNow());
        _context.Status.ReportFaxProgress(progress);
        LogProgress(_logger, progress.CallId, Direction, progress.Phase, progress.Pages, progress.BitRate);
        Progress?.Report(progress);
    }

    private void Publish(bool force = false)
    {
        if (Sip is not { } sip || _state == TerminalCallState.Done)
        {
            return;
        }

        if (force || Media.Mode != _publishedMode)
        {
            _publishedMode = Media.Mode;
            _context.Status.SetCall(new CallStatus(sip.CallId, TerminalCalls.PortName, Direction, LocalNumber, RemoteNumber, Media.Mode, _createdUtc));
        }
    }

    [LoggerMessage(EventId = Core.LogEventIds.CallControl + 70, Level = LogLevel.Information, Message = "terminal {CallId}: not connected to {Number}: {Why}")]
    private static partial void LogNotConnected(ILogger logger, string callId, string number, string why);

    [LoggerMessage(EventId = Core.LogEventIds.CallControl + 71, Level = LogLevel.Information, Message = "terminal {CallId}: refused the peer's offer: {Why}")]
    private static partial void LogOfferRefused(ILogger logger, string callId, string why);

    [LoggerMessage(EventId = Core.LogEventIds.CallControl + 72, Level = LogLevel.Information, Message = "terminal {CallId}: media {Mode} ({Reason})")]
    private static partial void LogMode(ILogger logger, string callId, CallMediaMode mode, string reason);

    [LoggerMessage(EventId = Core.LogEventIds.CallControl + 73, Level = LogLevel.Information, Message = "terminal {CallId}: offering T.38 ({Reason})")]
    private static partial void LogOfferingT38(ILogger logger, string callId, string reason);

    [LoggerMessage(EventId = Core.LogEventIds.CallControl + 74, Level = LogLevel.Warning, Message = "terminal {CallId}: staying on G.711: {Why}")]
    private static partial void LogFallBack(ILogger logger, string callId, string why);

    [LoggerMessage(EventId = Core.LogEventIds.CallControl + 75, Level = LogLevel.Information, Message = "terminal {CallId}: {Direction} fax record: {Mode} ({Reason}), {Pages} pages at {BitRate} bit/s, ECM {Ecm}: {Result}")]
    private static partial void LogRecord(ILogger logger, string callId, string direction, CallMediaMode mode, string reason, int pages, int bitRate, bool ecm, string result);

    /// <summary>One line per T.30 step (B: parameters agreed, D: a page confirmed, E: the session ended; ITU-T T.30 §2.3).</summary>
    [LoggerMessage(EventId = Core.LogEventIds.CallControl + 79, Level = LogLevel.Information, Message = "terminal {CallId}: {Direction} T.30 phase {Phase}, {Pages} pages, {BitRate} bit/s")]
    private static partial void LogProgress(ILogger logger, string callId, string direction, string phase, int pages, int bitRate);
}
