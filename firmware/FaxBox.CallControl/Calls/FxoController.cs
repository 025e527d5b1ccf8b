using FaxBox.CallControl.Configuration;
using FaxBox.CallControl.Signalling;
using FaxBox.Core.Status;
using FaxBox.Fax.CallerId;
using FaxBox.LineInterface;
using FaxBox.Sip.Calls;
using FaxBox.Sip.Sdp;
using Microsoft.Extensions.Logging;

namespace FaxBox.CallControl.Calls;

/// <summary>
/// An FXO port's calls. From the PSTN: the line rings, caller ID is captured after the first ring, and after
/// <see cref="PortSettings.AnswerAfterRings"/> rings the box INVITEs <see cref="PortSettings.InboundDestination"/> with the
/// caller's number; it seizes the line only when the SIP side answers (a failed call is never answered on the PSTN), and
/// cancels when the ringing stops. From SIP: the box seizes the line, waits for dial tone (bounded), dials the number
/// and connects the audio with early media, then answers when dialling is done. Disconnect supervision (loop-current
/// drop, polarity reversal, busy tone) ends the SIP call; the far end's BYE releases the line.
/// </summary>
internal sealed partial class FxoController : PortController
{
    /// <summary>How long the box waits for dial tone after seizing before it dials anyway.</summary>
    public static readonly TimeSpan DialToneWait = TimeSpan.FromSeconds(3);

    private readonly IFxoPort _port;
    private readonly ILogger _logger;
    private CallerIdMessage? _callerId;
    private bool _ringSequenceFailed;
    private string? _toDial;
    private TimeSpan _seizedAt;
    private SdpSessionDescription? _answer;
    private SdpMediaSession? _answerSession;

    public FxoController(GatewayContext context, PortSettings settings, IFxoPort port, SipAccount account)
        : base(context, settings, port, account, PortKind.Fxo)
    {
        _port = port;
        _logger = context.Loggers.CreateLogger<FxoController>();
        port.Ring += (_, ring) => OnRing(ring);
        port.CallerIdReceived += (_, id) => _callerId = id;
        port.RingingStopped += (_, _) => OnRingingStopped();
        port.Disconnected += (_, d) => OnDisconnected(d);
        port.ToneChanged += (_, tone) => OnTone(tone);
    }

    /// <inheritdoc />
    protected override bool TimersIdle => _toDial is null && _answer is null;

    protected override void Tick()
    {
        if (_toDial is not null && (_port.HeardTone == CallProgressTone.Dial || Now - _seizedAt >= DialToneWait))
        {
            var digits = _toDial;
            _toDial = null;
            _port.Dial(digits, DialMethod.Dtmf);
            return;
        }

        if (State == PortState.Calling && Call is { Sip: { } sip } call && _toDial is null && !_port.IsDialling && _answer is not null)
        {
            // SIP → PSTN: dialling done, the caller already hears the line's progress tones as early media; answer now.
            var answer = _answer;
            var session = _answerSession;
            _answer = null;
            SetState(PortState.Connected);
            Context.Background.Run($"{Name}: answer", async () =>
            {
                await sip.AnswerAsync(answer).ConfigureAwait(false);
                Post(() =>
                {
                    if (ReferenceEquals(Call, call) && sip.State == SipCallState.Connected)
                    {
                        call.Connected(session ?? call.ReadAnswer(answer, sip.RemoteSdp!), Now);
                        PublishCall(call);
                    }
                });
            });
        }
    }

    private void OnRing(FxoRing ring)
    {
        if (State != PortState.Idle && State != PortState.Ringing)
        {
            return;
        }

        if (State == PortState.Idle)
        {
            if (_ringSequenceFailed)
            {
                return;
            }

            SetState(PortState.Ringing);
        }

        if (ring.Count < Settings.AnswerAfterRings || Call is not null)
        {
            return;
        }

        if (Settings.InboundDestination is not { } destination)
        {
            LogNoDestination(_logger, Name);
            _ringSequenceFailed = true;
            SetState(PortState.Idle);
            return;
        }

        var caller = _callerId?.Number ?? Settings.Number;
        if (Dial("inbound", destination, Settings.Number, caller, caller, _callerId?.Name) is { } error)
        {
            LogPstnCallFailed(_logger, Name, destination, error);
            _ringSequenceFailed = true;
            SetState(PortState.Idle);
            return;
        }

        SetState(PortState.Calling);
    }

    protected override void Dialled(GatewayCall call, SdpSessionDescription offer, SipDialResult result)
    {
        if (!ReferenceEquals(Call, call))
        {
            return;
        }

        if (result.Connected && result.Answer is not null)
        {
            _port.Seize();
            _port.Audio = call.Media;
            call.Connected(call.ReadAnswer(offer, result.Answer), Now);
            SetState(PortState.Connected);
            PublishCall(call);
            return;
        }

        // Not answered on SIP: leave the PSTN call unanswered (it rings out), and do not try again in this ring sequence.
        LogPstnCallFailed(_logger, Name, call.RemoteNumber ?? "", $"{result.StatusCode} {result.ReasonPhrase}");
        DropCall(call, $"{result.StatusCode} {result.ReasonPhrase}");
        _ringSequenceFailed = true;
        SetState(PortState.Idle);
    }

    private void OnRingingStopped()
    {
        _ringSequenceFailed = false;
        _callerId = null;
        if (State is PortState.Ringing or PortState.Calling && Call is not null && !_port.IsOffHook)
        {
            EndCall("the PSTN caller gave up");
        }

        if (!_port.IsOffHook)
        {
            SetState(PortState.Idle);
        }
    }

    private void OnDisconnected(FxoDisconnect disconnect)
    {
        if (Call is not null)
        {
            EndCall($"PSTN disconnect: {disconnect.Reason}");
        }

        Release();
    }

    private void OnTone(CallProgressTone tone)
    {
        // SIP → PSTN before the answer: busy or congestion from the exchange refuses the SIP call.
        if (State == PortState.Calling && _answer is not null && Call is { Sip: { } sip } && tone is CallProgressTone.Busy or CallProgressTone.Congestion)
        {
            var code = tone == CallProgressTone.Busy ? 486 : 503;
            Context.Background.Run($"{Name}: reject", () => sip.RejectAsync(code).AsTask());
            DropCall(Call, $"PSTN {tone}");
            Release();
        }
    }

    protected override void Incoming(SipCall sip, string dialled)
    {
        if (AcceptIncoming(sip, _port.IsOffHook, "outbound", Settings.Number, dialled) is not { } accepted)
        {
            return;
        }

        var (call, answer, session) = accepted;
        _answer = answer;
        _answerSession = session;
        Call = call;
        Watch(call, sip);
        SetState(PortState.Calling);
        PublishCall(call);
        _port.Seize();
        _seizedAt = Now;
        _toDial = dialled;
        _port.Audio = call.Media;
        if (session is not null)
        {
            // Early media: the SIP caller hears the PSTN's dial progress.
            call.Connected(session, Now);
            var early = _answer;
            Context.Background.Run($"{Name}: 183", () => sip.RingAsync(early).AsTask());
        }
        else
        {
            Context.Background.Run($"{Name}: 180", () => sip.RingAsync().AsTask());
        }
    }

    protected override void RemoteEnded(GatewayCall call, SipCallStateChange change)
    {
        if (!ReferenceEquals(Call, call) || State == PortState.Calling && call.Direction == "inbound")
        {
            return; // Already gone, or the box's own INVITE failed: Dialled handles it.
        }

        var why = change.Detail ?? change.Reason.ToString();
        if (!Drain(call, why))
        {
            DropCall(call, why);
            Release();
        }
    }

    protected override void Drained() => Release();

    private void Release()
    {
        _toDial = null;
        _answer = null;
        if (_port.IsOffHook)
        {
            _port.Release();
        }

        SetState(PortState.Idle);
    }

    [LoggerMessage(EventId = Core.LogEventIds.CallControl + 30, Level = LogLevel.Warning, Message = "{Port}: the PSTN line rings but the port has no inboundDestination")]
    private static partial void LogNoDestination(ILogger logger, string port);

    [LoggerMessage(EventId = Core.LogEventIds.CallControl + 31, Level = LogLevel.Information, Message = "{Port}: call to {Destination} failed: {Why}")]
    private static partial void LogPstnCallFailed(ILogger logger, string port, string destination, string why);
}
