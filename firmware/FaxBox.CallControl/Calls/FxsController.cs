using FaxBox.CallControl.Configuration;
using FaxBox.CallControl.Dialling;
using FaxBox.CallControl.Signalling;
using FaxBox.CallControl.Terminals;
using FaxBox.Core.Status;
using FaxBox.Fax.CallerId;
using FaxBox.LineInterface;
using FaxBox.Sip.Calls;
using FaxBox.Sip.Sdp;
using Microsoft.Extensions.Logging;

namespace FaxBox.CallControl.Calls;

/// <summary>
/// An FXS port's calls. Outgoing: off-hook → dial tone → digits through the dial plan (or a hotline) → INVITE, with
/// ringback on 180/183 and busy, congestion or SIT on failure. Incoming: INVITE → ring with caller ID → answer on
/// off-hook. Either side hangs up: the far end's BYE opens the loop briefly (a disconnect clear) and plays busy tone
/// until the terminal hangs up.
/// </summary>
internal sealed partial class FxsController : PortController
{
    /// <summary>How long the loop is opened when the far end clears (a "CPC" disconnect clear most fax machines act on).</summary>
    public static readonly TimeSpan DisconnectClear = TimeSpan.FromMilliseconds(800);

    private readonly IFxsPort _port;
    private readonly ILogger _logger;
    private DigitCollector? _collector;
    private IInboundFaxSink? _storeAndForwardSink;
    private TimeSpan _storeAndForwardDoneAt = TimeSpan.MaxValue;
    private SdpSessionDescription? _answer;
    private SdpMediaSession? _answerSession;
    private TimeSpan _batteryBackAt = TimeSpan.MaxValue;
    private CallProgressTone _thenTone;
    private TimeSpan _thenAt = TimeSpan.MaxValue;
    private StoreAndForwardSession? _storeAndForward;

    private TimeSpan _ringTestEndsAt = TimeSpan.MaxValue;

    public FxsController(GatewayContext context, PortSettings settings, IFxsPort port, SipAccount account)
        : base(context, settings, port, account, PortKind.Fxs)
    {
        _port = port;
        _logger = context.Loggers.CreateLogger<FxsController>();
        port.HookChanged += (_, change) => OnHook(change.State);
        port.DigitReceived += (_, digit) => OnDigit(digit.Digit);
    }

    /// <summary>
    /// Any thread: rings the terminal for <paramref name="duration"/> to test the port (MQTT <c>command/ring-test</c>);
    /// completes with null once ringing, or with why not (the port is busy or off-hook). Answering it gives dial tone.
    /// </summary>
    public Task<string?> RingTestAsync(TimeSpan duration)
    {
        var done = new TaskCompletionSource<string?>(TaskCreationOptions.RunContinuationsAsynchronously);
        Post(() =>
        {
            if (State != PortState.Idle || _port.Hook != HookState.OnHook || !Settings.Enabled)
            {
                done.SetResult($"{Name} is {(Settings.Enabled ? State.ToString().ToLowerInvariant() : "disabled")} and {(_port.Hook == HookState.OnHook ? "on-hook" : "off-hook")}: not ringing it");
                return;
            }

            SetState(PortState.Ringing);
            _port.Ring();
            _ringTestEndsAt = Now + duration;
            done.SetResult(null);
        });
        return done.Task;
    }

    /// <inheritdoc />
    protected override bool TimersIdle =>
        _ringTestEndsAt == TimeSpan.MaxValue && _storeAndForward is null && _storeAndForwardDoneAt == TimeSpan.MaxValue &&
        _thenAt == TimeSpan.MaxValue && _batteryBackAt == TimeSpan.MaxValue && _collector is null;

    protected override void Tick()
    {
        if (Now >= _ringTestEndsAt)
        {
            _ringTestEndsAt = TimeSpan.MaxValue;
            if (State == PortState.Ringing && Call is null)
            {
                _port.StopRinging();
                SetState(PortState.Idle);
            }
        }

        if (_storeAndForward is { IsComplete: true })
        {
            // T.30 ended on the DCN: give the machine the drain time to finish and hang up before the line is cleared.
            if (_storeAndForwardDoneAt == TimeSpan.MaxValue)
            {
                _storeAndForwardDoneAt = Now + FaxDrain;
            }
            else if (Now >= _storeAndForwardDoneAt)
            {
                FinishStoreAndForward(null);
            }
        }

        if (Now >= _thenAt)
        {
            _thenAt = TimeSpan.MaxValue;
            if (State == PortState.Clearing && _port.Hook == HookState.OffHook)
            {
                _port.PlayTone(_thenTone);
            }
        }

        if (Now >= _batteryBackAt)
        {
            _batteryBackAt = TimeSpan.MaxValue;
            _port.SetBattery(true);
            if (_port.Hook == HookState.OffHook)
            {
                _port.PlayTone(CallProgressTone.Busy);
            }
            else
            {
                SetState(PortState.Idle);
            }
        }

        if (_collector is not null && State == PortState.Dialling)
        {
            Decide(_collector.Poll(Now));
        }
    }

    private void OnHook(HookState hook)
    {
        if (hook == HookState.OffHook)
        {
            switch (State)
            {
                case PortState.Idle:
                    StartDialling();
                    break;
                case PortState.Ringing when Call is { Sip: { } sip } call:
                    Answer(call, sip);
                    break;
                case PortState.Ringing when Call is null:
                    _ringTestEndsAt = TimeSpan.MaxValue; // a ring test answered: the terminal gets dial tone
                    StartDialling();
                    break;
            }

            return;
        }

        // On-hook.
        if (_storeAndForward is not null)
        {
            FinishStoreAndForward(_storeAndForward.IsComplete ? null : "the fax machine hung up");
        }

        _collector = null;
        _thenAt = TimeSpan.MaxValue;
        _port.PlayTone(CallProgressTone.None);
        if (Call is not null)
        {
            EndCall("the FXS terminal hung up");
        }

        if (_batteryBackAt == TimeSpan.MaxValue)
        {
            SetState(PortState.Idle);
        }
    }

    /// <summary>DTMF matters only while the terminal dials: the receiver rests through calls (and cannot mistake fax signals for digits).</summary>
    protected override void OnStateChanged(PortState state) => _port.DigitDetection = state == PortState.Dialling;

    private void OnDigit(char digit)
    {
        if (State != PortState.Dialling || _collector is null)
        {
            return;
        }

        _port.PlayTone(CallProgressTone.None);
        Decide(_collector.Digit(digit, Now));
    }

    private void StartDialling()
    {
        SetState(PortState.Dialling);
        _collector = new DigitCollector(Context.Options.DialPlanFor(Settings));
        _port.PlayTone(CallProgressTone.Dial);
        Decide(_collector.Start(Now));
    }

    private void Decide(DialDecision decision)
    {
        switch (decision.Kind)
        {
            case DialDecisionKind.Dial:
                _collector = null;
                _port.PlayTone(CallProgressTone.None);
                PlaceCall(decision.Number!);
                break;
            case DialDecisionKind.Invalid or DialDecisionKind.Timeout:
                _collector = null;
                LogNotDialled(_logger, Name, decision.Reason ?? decision.Kind.ToString());
                _port.PlayTone(CallProgressTone.Congestion);
                SetState(PortState.Clearing);
                break;
        }
    }

    private void PlaceCall(string number)
    {
        SetState(PortState.Calling);
        if (Settings.StoreAndForward && Context.FaxSink is { } sink)
        {
            OfferStoreAndForward(sink, number);
            return;
        }

        Relay(number);
    }

    /// <summary>
    /// Store-and-forward: offers the machine's call to the fax service off the media thread (the sink's contract); the
    /// answer comes back to <see cref="StartStoreAndForward"/>.
    /// </summary>
    private void OfferStoreAndForward(IInboundFaxSink sink, string number)
    {
        var call = new InboundFaxCall($"{Name}-{Context.NextFaxRecordId()}", number, Settings.Number, Settings.DisplayName, Name);
        Context.Background.Run($"{Name}: store-and-forward offer", () =>
        {
            InboundFaxAcceptance? acceptance = null;
            try
            {
                acceptance = sink.Offer(call);
            }
            catch (Exception e)
            {
                LogStoreAndForwardFailed(_logger, Name, e.Message);
            }

            Post(() => StartStoreAndForward(sink, call, acceptance));
            return Task.CompletedTask;
        });
    }

    /// <summary>Media thread: the sink answered; the box's terminal answers the machine, or (declined) the call is relayed live.</summary>
    private void StartStoreAndForward(IInboundFaxSink sink, InboundFaxCall call, InboundFaxAcceptance? acceptance)
    {
        if (State != PortState.Calling || _port.Hook != HookState.OffHook)
        {
            if (acceptance is not null)
            {
                Complete(sink, call, new InboundFaxOutcome(acceptance.ReceivePath, false, 0, "the fax machine hung up before the box answered", null, null, null));
            }

            return;
        }

        if (acceptance is null)
        {
            Relay(call.CalledNumber);
            return;
        }

        try
        {
            _storeAndForward = new StoreAndForwardSession(Context, Name, call, acceptance, Context.Options.Terminal.Ecm);
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException)
        {
            LogStoreAndForwardFailed(_logger, Name, e.Message);
            Complete(sink, call, new InboundFaxOutcome(acceptance.ReceivePath, false, 0, $"not answered: {e.Message}", null, null, null));
            Relay(call.CalledNumber);
            return;
        }

        _storeAndForwardSink = sink;
        LogStoreAndForward(_logger, Name, call.CalledNumber);
        _port.Audio = _storeAndForward;
        SetState(PortState.Fax);
    }

    /// <summary>Media thread: the stored fax ended (T.30 done, or the machine hung up); the sink gets it, the line clears.</summary>
    private void FinishStoreAndForward(string? detail)
    {
        var session = _storeAndForward!;
        _storeAndForward = null;
        _storeAndForwardDoneAt = TimeSpan.MaxValue;
        _port.Audio = null;
        var outcome = session.Finish(detail);
        session.Dispose();
        Complete(_storeAndForwardSink!, session.Call, outcome);
        if (_port.Hook == HookState.OffHook)
        {
            Drained(); // a disconnect clear, then busy tone until the machine hangs up
        }
    }

    private void Complete(IInboundFaxSink sink, InboundFaxCall call, InboundFaxOutcome outcome) =>
        Context.Background.Run($"{Name}: store-and-forward completed", () =>
        {
            sink.Completed(call, outcome);
            return Task.CompletedTask;
        });

    /// <summary>Media thread: places the machine's call over SIP (the normal, live relay).</summary>
    private void Relay(string number)
    {
        if (Dial("outbound", number, Settings.Number, number, Settings.Number, Settings.DisplayName) is { } error)
        {
            LogCallFailed(_logger, Name, number, error);
            _port.PlayTone(CallProgressTone.Congestion);
            SetState(PortState.Clearing);
            return;
        }

        LogCalling(_logger, Name, number, Call!.Sip!.CallId);
    }

    /// <summary>Media thread: the box's INVITE ended.</summary>
    protected override void Dialled(GatewayCall call, SdpSessionDescription offer, SipDialResult result)
    {
        if (!ReferenceEquals(Call, call))
        {
            return; // The terminal hung up meanwhile; EndCall cancelled it.
        }

        if (result.Connected && result.Answer is not null)
        {
            var session = call.ReadAnswer(offer, result.Answer);
            _port.PlayTone(CallProgressTone.None);
            _port.Audio = call.Media;
            call.Connected(session, Now);
            SetState(PortState.Connected);
            PublishCall(call);
            return;
        }

        var signal = SipFailureSignal.For(result.StatusCode is >= 400 and <= 699 ? result.StatusCode : 0);
        LogCallFailed(_logger, Name, call.RemoteNumber ?? "", $"{result.StatusCode} {result.ReasonPhrase} ({signal})");
        DropCall(call, $"{result.StatusCode} {result.ReasonPhrase}");
        _port.PlayTone(signal.Tone);
        if (signal.Then != CallProgressTone.None)
        {
            _thenTone = signal.Then;
            _thenAt = Now + FailureSignal.ThenAfter;
        }

        SetState(PortState.Clearing);
    }

    protected override void Progress(GatewayCall call, SipCallProgress progress)
    {
        if (ReferenceEquals(Call, call) && State == PortState.Calling && progress.StatusCode is 180 or 183)
        {
            _port.PlayTone(CallProgressTone.Ringback);
        }
    }

    protected override void Incoming(SipCall sip, string dialled)
    {
        if (AcceptIncoming(sip, _port.Hook == HookState.OffHook, "inbound", dialled, sip.RemoteUri.User) is not { } accepted)
        {
            return;
        }

        var call = accepted.Call;
        _answer = accepted.Answer;
        _answerSession = accepted.Session;
        Call = call;
        Watch(call, sip);
        SetState(PortState.Ringing);
        PublishCall(call);
        _port.Ring(new CallerIdMessage(sip.RemoteUri.User, sip.IncomingInvite?.From?.DisplayName));
        Context.Background.Run($"{Name}: 180", () => sip.RingAsync().AsTask());
    }

    private void Answer(GatewayCall call, SipCall sip)
    {
        var answer = _answer!;
        var answerSession = _answerSession;
        SetState(PortState.Connected);
        _port.Audio = call.Media;
        Context.Background.Run($"{Name}: answer", async () =>
        {
            await sip.AnswerAsync(answer).ConfigureAwait(false);
            Post(() =>
            {
                if (!ReferenceEquals(Call, call) || sip.State != SipCallState.Connected)
                {
                    return;
                }

                var session = answerSession ?? call.ReadAnswer(answer, sip.RemoteSdp!);
                call.Connected(session, Now);
                PublishCall(call);
            });
        });
    }

    protected override void RemoteEnded(GatewayCall call, SipCallStateChange change)
    {
        if (!ReferenceEquals(Call, call) || State == PortState.Calling)
        {
            return; // Already gone, or the box's own INVITE failed: Dialled plays the failure signal.
        }

        var why = change.Detail ?? change.Reason.ToString();
        if (State == PortState.Ringing)
        {
            DropCall(call, why);
            _port.StopRinging();
            SetState(PortState.Idle);
            return;
        }

        if (_port.Hook == HookState.OffHook && Drain(call, why))
        {
            return;
        }

        DropCall(call, why);
        Drained();
    }

    protected override void Drained()
    {
        if (_port.Hook == HookState.OffHook)
        {
            // Far end cleared: a disconnect clear, then busy tone until the terminal hangs up.
            SetState(PortState.Clearing);
            _port.SetBattery(false);
            _batteryBackAt = Now + DisconnectClear;
        }
    }

    [LoggerMessage(EventId = Core.LogEventIds.CallControl + 20, Level = LogLevel.Information, Message = "{Port}: calling {Number} ({CallId})")]
    private static partial void LogCalling(ILogger logger, string port, string number, string callId);

    [LoggerMessage(EventId = Core.LogEventIds.CallControl + 21, Level = LogLevel.Information, Message = "{Port}: call to {Number} failed: {Why}")]
    private static partial void LogCallFailed(ILogger logger, string port, string number, string why);

    [LoggerMessage(EventId = Core.LogEventIds.CallControl + 23, Level = LogLevel.Information, Message = "{Port}: store-and-forward: the box's fax terminal answers the call to {Number}")]
    private static partial void LogStoreAndForward(ILogger logger, string port, string number);

    [LoggerMessage(EventId = Core.LogEventIds.CallControl + 24, Level = LogLevel.Warning, Message = "{Port}: store-and-forward not possible ({Why}); relaying the call live")]
    private static partial void LogStoreAndForwardFailed(ILogger logger, string port, string why);

    [LoggerMessage(EventId = Core.LogEventIds.CallControl + 22, Level = LogLevel.Information, Message = "{Port}: nothing dialled: {Why}")]
    private static partial void LogNotDialled(ILogger logger, string port, string why);
}
