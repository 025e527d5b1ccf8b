using FaxBox.CallControl.Bridging;
using FaxBox.CallControl.Configuration;
using FaxBox.Core.Status;
using FaxBox.Fax.Tones;
using FaxBox.Sip.Calls;
using FaxBox.Sip.Sdp;
using Microsoft.Extensions.Logging;

namespace FaxBox.CallControl.Calls;

/// <summary>
/// One call between a line port and a SIP peer: the SIP call, its media, its SDP negotiator and the fax handling —
/// detection within the window, the switch to T.38 by re-INVITE (the box's, by policy, or the peer's), the fallback to
/// G.711 with fax adaptations when T.38 is refused or times out, session refreshes deferred while the fax runs, and
/// the per-fax record at the end. Media-thread methods are called by the owning port controller; the SIP side calls
/// <see cref="HandleOfferAsync"/> from its own threads. Small state is guarded by one lock, never held across a frame.
/// </summary>
internal sealed partial class GatewayCall
{
    private readonly PortController _port;
    private readonly GatewayContext _context;
    private readonly SdpNegotiator _negotiator;
    private readonly ILogger _logger;
    private readonly Lock _gate = new();
    private SdpMediaSession? _session;
    private bool _faxDetected;
    private bool _ownOfferPending;
    private bool _t38Tried;
    private bool _fellBack;
    private bool _finished;
    private TimeSpan _connectedAt = TimeSpan.MinValue;
    private DateTimeOffset _faxStarted;
    private string _modeReason = "voice";
    private T38Session? _t38;

    public GatewayCall(PortController port, GatewayContext context, FaxOptions fax, string direction, string? localNumber, string? remoteNumber)
    {
        _port = port;
        _context = context;
        Fax = fax;
        Direction = direction;
        LocalNumber = localNumber;
        RemoteNumber = remoteNumber;
        _logger = context.Loggers.CreateLogger<GatewayCall>();
        Media = context.Media.Create($"{port.Name}-call", fax);
        Media.FaxToneDetected += OnFaxTone;
        Media.FaxProgress += OnFaxProgress;
        _negotiator = context.CreateNegotiator(Media.AudioEndPoint, Media.ImageEndPoint, fax, fax.T38 != T38Initiation.Never, 14_400);
    }

    public FaxOptions Fax { get; }

    public ICallMedia Media { get; }

    public SipCall? Sip { get; private set; }

    public string Direction { get; }

    public string? LocalNumber { get; }

    public string? RemoteNumber { get; set; }

    public DateTimeOffset Started { get; } = DateTimeOffset.UtcNow;

    /// <summary>True once fax was detected or T.38 negotiated.</summary>
    public bool IsFax
    {
        get
        {
            lock (_gate)
            {
                return _faxDetected;
            }
        }
    }

    /// <summary>The media mode as the status board shows it.</summary>
    public CallMediaMode Mode => Media.Mode;

    /// <summary>Attaches the SIP call (made by the controller) and takes over its peer's offers.</summary>
    public void Attach(SipCall sip)
    {
        Sip = sip;
        sip.OfferHandler = HandleOfferAsync;
    }

    /// <summary>The box's first offer: G.711 audio.</summary>
    public SdpSessionDescription CreateAudioOffer()
    {
        lock (_gate)
        {
            return _negotiator.CreateOffer(SdpMediaKind.Audio);
        }
    }

    /// <summary>The answer to an incoming INVITE's offer, or null with the reason when nothing in it is acceptable.</summary>
    public SdpAnswer AnswerInitialOffer(SdpSessionDescription offer)
    {
        lock (_gate)
        {
            return _negotiator.CreateAnswer(offer);
        }
    }

    /// <summary>Media thread: the call is connected with <paramref name="session"/>; media starts.</summary>
    public void Connected(SdpMediaSession session, TimeSpan now)
    {
        _connectedAt = now;
        Apply(session, session.Kind == SdpMediaKind.T38 ? "T.38 in the initial offer/answer" : "voice");
    }

    /// <summary>Media thread: the box's outgoing INVITE was answered with <paramref name="answer"/> to <paramref name="offer"/>.</summary>
    public SdpMediaSession ReadAnswer(SdpSessionDescription offer, SdpSessionDescription answer)
    {
        lock (_gate)
        {
            return _negotiator.ReadAnswer(offer, answer);
        }
    }

    /// <summary>Media thread: the box's T.38 re-INVITE had no final answer within <see cref="FaxOptions.T38Timeout"/>.</summary>
    private void OnT38Timeout()
    {
        lock (_gate)
        {
            if (!_ownOfferPending)
            {
                return;
            }
        }

        LogT38TimedOut(_logger, _port.Name, Fax.T38Timeout);
        FallBack($"T.38 re-INVITE timed out after {Fax.T38Timeout.TotalSeconds:0.#} s");
    }

    /// <summary>Media thread: the call ended (either side); writes the fax record once. Returns it, or null for a voice call.</summary>
    public FaxRecord? Finish(string? endDetail)
    {
        lock (_gate)
        {
            if (_finished)
            {
                return null;
            }

            _finished = true;
        }

        if (Sip is { } sip)
        {
            sip.IsFaxActive = false;
        }

        var statistics = Media.GetStatistics();
        Media.Stop();
        FaxRecord? record = null;
        bool fellBack;
        lock (_gate)
        {
            fellBack = _fellBack;
            if (_faxDetected)
            {
                var t38 = _t38 is { } t
                    ? new FaxT38Parameters(t.Version, t.MaxBitRate, t.RateManagement == T38RateManagement.LocalTcf ? "localTCF" : "transferredTCF", t.ErrorCorrection.ToString().ToLowerInvariant(), t.RemoteMaxDatagram)
                    : null;
                var result = statistics.T30Success ? statistics.T30Result : endDetail is null ? statistics.T30Result : $"{statistics.T30Result}; {endDetail}";
                record = new FaxRecord(
                    _context.NextFaxRecordId(), Sip?.CallId ?? "", _port.Name, Direction, LocalNumber, RemoteNumber,
                    _faxStarted, _context.Status.Time.GetUtcNow(),
                    t38 is not null ? CallMediaMode.T38 : CallMediaMode.G711Fax, _modeReason, t38,
                    statistics.Pages, statistics.BitRate, statistics.Ecm, statistics.T30Success, result, statistics.Network)
                {
                    T30Frames = statistics.T30Frames,
                    T30FramesOmitted = statistics.T30FramesOmitted,
                };
            }
        }

        Media.Dispose();
        if (record is not null)
        {
            _context.Status.AddFax(record, fellBack);
            LogFaxRecord(_logger, _port.Name, record.Mode, record.ModeReason, record.Pages, record.BitRate, record.Ecm, record.Result);
        }

        return record;
    }

    /// <summary>The peer's offer inside the call (re-INVITE or UPDATE with SDP): T.38, back to audio, or a refresh.</summary>
    private ValueTask<SipOfferDecision> HandleOfferAsync(SipOffer offer, CancellationToken cancellationToken)
    {
        SdpAnswer answer;
        lock (_gate)
        {
            if (_finished)
            {
                return ValueTask.FromResult(SipOfferDecision.Refuse());
            }

            answer = _negotiator.CreateAnswer(offer.Offer);
            if (offer.Offer.Media.Any(m => m.Media == "image" && m.Port != 0))
            {
                // A T.38 offer means fax whether or not the box takes it: later audio offers get the fax adaptations.
                MarkFax(answer.Session.Kind == SdpMediaKind.T38 ? "peer re-INVITE to T.38" : "peer offered T.38; refused by policy (fax.t38 = never)");
                if (answer.Session.Kind != SdpMediaKind.T38)
                {
                    _modeReason = "peer offered T.38; refused by policy (fax.t38 = never)";
                }
            }
        }

        if (!answer.IsAcceptable)
        {
            LogOfferRefused(_logger, _port.Name, answer.Reason ?? "no acceptable stream");
            _port.Post(() => _port.PublishCall(this));
            return ValueTask.FromResult(SipOfferDecision.Refuse());
        }

        string reason;
        lock (_gate)
        {
            reason = answer.Session.Kind == SdpMediaKind.T38 ? "peer re-INVITE to T.38" : _faxDetected ? _modeReason : "peer re-INVITE to audio";
        }

        if (answer.Session.Kind == SdpMediaKind.T38 || answer.Session != _session || IsFax && Media.Mode == CallMediaMode.Voice)
        {
            Apply(answer.Session, reason);
        }

        return ValueTask.FromResult(SipOfferDecision.Accept(answer.Description));
    }

    private void Apply(SdpMediaSession session, string reason)
    {
        lock (_gate)
        {
            _session = session;
            if (session.Kind == SdpMediaKind.T38)
            {
                MarkFax(reason);
                _t38 = session.T38;
                _modeReason = reason;
                _ownOfferPending = false;
            }
        }

        switch (session.Kind)
        {
            case SdpMediaKind.T38 when session.Remote is not null && session.T38 is not null:
                Media.UseT38(session.Remote, session.T38);
                break;
            case SdpMediaKind.Audio when session.Remote is not null:
                Media.UseAudio(session.Remote, session.AudioPayloadType, session.TelephoneEventPayloadType, IsFax);
                break;
            default:
                Media.Stop();
                break;
        }

        _port.PublishCall(this);
    }

    /// <summary>Media thread: a fax tone was heard. Within the window it marks the call as fax and, by policy, re-INVITEs to T.38.</summary>
    /// <summary>Media thread: a T.30 step of the relayed fax, for presenters (MQTT fax/progress, the admin page).</summary>
    private void OnFaxProgress(object? sender, Records.T30Progress step) =>
        _context.Status.ReportFaxProgress(new FaxProgress(Sip?.CallId ?? "", _port.Name, step.Phase, step.Pages, step.BitRate, step.Ecm, _context.Status.Time.GetUtcNow()));

    private void OnFaxTone(object? sender, FaxToneEvent e)
    {
        bool switchNow;
        lock (_gate)
        {
            if (_finished || _connectedAt == TimeSpan.MinValue || _port.Now - _connectedAt > Fax.DetectWindow && !_faxDetected)
            {
                return;
            }

            var first = !_faxDetected;
            MarkFax($"{e.Tone} heard from the {(e.FromLine ? "line" : "network")}");
            if (first && _session is { Kind: SdpMediaKind.Audio, Remote: { } remote } s)
            {
                // Fax adaptations at once: fixed jitter buffer, no VAD, no echo canceller.
                Media.UseAudio(remote, s.AudioPayloadType, s.TelephoneEventPayloadType, faxAdapted: true);
            }

            switchNow = !_t38Tried && e.FromLine && _session?.Kind == SdpMediaKind.Audio && Fax.T38 switch
            {
                T38Initiation.OnCng => e.Tone == FaxTone.Cng,
                T38Initiation.OnCedOrPreamble => e.Tone is FaxTone.Ced or FaxTone.AnsPr or FaxTone.AnsAm or FaxTone.AnsAmPr or FaxTone.V21Preamble,
                _ => false,
            };
            if (switchNow)
            {
                _t38Tried = true;
                _ownOfferPending = true;
                _modeReason = $"box re-INVITE on {e.Tone}";
            }
        }

        LogFaxDetected(_logger, _port.Name, e.Tone, e.FromLine ? "line" : "network", switchNow ? "yes" : "no");
        _port.PublishCall(this);
        if (switchNow)
        {
            OfferT38();
        }
    }

    private void MarkFax(string why)
    {
        if (_faxDetected)
        {
            return;
        }

        _faxDetected = true;
        _faxStarted = _context.Status.Time.GetUtcNow();
        _modeReason = why;
        if (Sip is { } sip)
        {
            sip.IsFaxActive = true;
        }
    }

    private void OfferT38()
    {
        SdpSessionDescription offer;
        lock (_gate)
        {
            offer = _negotiator.CreateOffer(SdpMediaKind.T38);
        }

        var sip = Sip!;
        _context.Background.Run($"{_port.Name}: T.38 re-INVITE", async () =>
        {
            // The timeout is a signalling timer: it runs on the SIP clock, and the re-INVITE itself carries on (a late
            // answer is still applied, then the fallback's re-INVITE follows it).
            var reinvite = sip.ReinviteAsync(offer);
            if (await Task.WhenAny(reinvite, Task.Delay(Fax.T38Timeout, _context.Time)).ConfigureAwait(false) != reinvite)
            {
                _port.Post(OnT38Timeout);
            }

            var result = await reinvite.ConfigureAwait(false);
            _port.Post(() => OnT38Result(offer, result));
        });
    }

    /// <summary>Media thread: the box's T.38 re-INVITE ended.</summary>
    private void OnT38Result(SdpSessionDescription offer, SipReinviteResult result)
    {
        bool stillPending;
        lock (_gate)
        {
            stillPending = _ownOfferPending;
            _ownOfferPending = false;
        }

        switch (result.Outcome)
        {
            case SipReinviteOutcome.Accepted when result.Answer is not null:
                var session = ReadAnswer(offer, result.Answer);
                if (session.Kind == SdpMediaKind.T38)
                {
                    Apply(session, _modeReason);
                    return;
                }

                FallBack("the peer answered the T.38 offer without T.38");
                return;
            case SipReinviteOutcome.Refused when stillPending:
                FallBack($"T.38 refused: {result.StatusCode} {result.Detail}".TrimEnd());
                return;
            default:
                // Superseded (the peer re-INVITEd meanwhile), failed (the call ended), or a refusal after the timeout
                // already fell back.
                return;
        }
    }

    /// <summary>T.38 refused or timed out: G.711 with fax adaptations, by re-INVITE when configured.</summary>
    private void FallBack(string why)
    {
        SdpSessionDescription? offer = null;
        lock (_gate)
        {
            if (_finished || _session?.Kind == SdpMediaKind.T38 || _fellBack)
            {
                return;
            }

            _fellBack = true;
            _ownOfferPending = false;
            _modeReason = why;
            if (Fax.FallbackToG711)
            {
                offer = _negotiator.CreateOffer(SdpMediaKind.Audio);
            }
        }

        LogFallBack(_logger, _port.Name, why);
        _port.PublishCall(this);
        if (offer is null || Sip is not { } sip)
        {
            return;
        }

        _context.Background.Run($"{_port.Name}: G.711 fallback re-INVITE", async () =>
        {
            var result = await sip.ReinviteAsync(offer).ConfigureAwait(false);
            if (result.Outcome == SipReinviteOutcome.Accepted && result.Answer is not null)
            {
                _port.Post(() =>
                {
                    var session = ReadAnswer(offer, result.Answer);
                    if (session.Kind == SdpMediaKind.Audio)
                    {
                        Apply(session, why);
                    }
                });
            }
        });
    }

    [LoggerMessage(EventId = Core.LogEventIds.CallControl + 10, Level = LogLevel.Information, Message = "{Port}: fax tone {Tone} from the {Side}; re-INVITE to T.38 now: {SwitchNow}")]
    private static partial void LogFaxDetected(ILogger logger, string port, FaxTone tone, string side, string switchNow);

    [LoggerMessage(EventId = Core.LogEventIds.CallControl + 11, Level = LogLevel.Warning, Message = "{Port}: T.38 re-INVITE got no answer within {Timeout}")]
    private static partial void LogT38TimedOut(ILogger logger, string port, TimeSpan timeout);

    [LoggerMessage(EventId = Core.LogEventIds.CallControl + 12, Level = LogLevel.Warning, Message = "{Port}: falling back to G.711 with fax adaptations: {Why}")]
    private static partial void LogFallBack(ILogger logger, string port, string why);

    [LoggerMessage(EventId = Core.LogEventIds.CallControl + 13, Level = LogLevel.Information, Message = "{Port}: refused the peer's offer: {Why}")]
    private static partial void LogOfferRefused(ILogger logger, string port, string why);

    [LoggerMessage(EventId = Core.LogEventIds.CallControl + 14, Level = LogLevel.Information, Message = "{Port}: fax record: {Mode} ({Reason}), {Pages} pages at {BitRate} bit/s, ECM {Ecm}: {Result}")]
    private static partial void LogFaxRecord(ILogger logger, string port, CallMediaMode mode, string reason, int pages, int bitRate, bool ecm, string result);
}
