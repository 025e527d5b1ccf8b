using System.Collections.Concurrent;
using FaxBox.CallControl.Configuration;
using FaxBox.CallControl.Signalling;
using FaxBox.Core;
using FaxBox.Core.Status;
using FaxBox.LineInterface;
using FaxBox.Sip.Calls;
using FaxBox.Sip.Sdp;

namespace FaxBox.CallControl.Calls;

/// <summary>
/// One line port's call handling. Everything that touches the port or the call state runs on the media thread, inside
/// <see cref="OnTick"/>: port events arrive there synchronously, and SIP results and events from other threads are
/// posted (<see cref="Post"/>) and drained at the start of the next tick. SIP operations leave the media thread through
/// <see cref="GatewayContext.Background"/>. Timers run on the port's media time. An idle port (no call, nothing posted,
/// no timer running) lets the media clock park (<see cref="CanPark"/>); <see cref="Post"/> wakes it.
/// </summary>
internal abstract class PortController : IMediaParkingHandler
{
    private const int Free = 0;
    private const int Claimed = 1;
    private readonly ConcurrentQueue<Action> _inbox = new();
    private int _claim;
    private PortState _state = PortState.Idle;
    private GatewayCall? _draining;
    private string? _drainWhy;
    private TimeSpan _drainUntil;
    private volatile CallMediaMode _publishedMode;

    protected PortController(GatewayContext context, PortSettings settings, ILinePort port, SipAccount account, PortKind kind)
    {
        Context = context;
        Settings = settings;
        LinePort = port;
        Account = account;
        Kind = kind;
    }

    public string Name => LinePort.Name;

    public PortSettings Settings { get; set; }

    public SipAccount Account { get; }

    public PortKind Kind { get; }

    public TimeSpan Now => LinePort.Now;

    public PortState State => _state;

    /// <summary>The call on the port, if any.</summary>
    public GatewayCall? Call { get; protected set; }

    protected GatewayContext Context { get; }

    protected ILinePort LinePort { get; }

    protected FaxOptions FaxSettings => Context.Options.FaxFor(Settings);

    /// <summary>Runs <paramref name="action"/> on the media thread at the next tick.</summary>
    public void Post(Action action)
    {
        _inbox.Enqueue(action);
        Context.Wake.Wake();
    }

    /// <summary>
    /// Media thread: the port is idle with no call, nothing posted, no call draining and no timer of the controller's
    /// running (<see cref="TimersIdle"/>); the line port's own idleness is the board's to say.
    /// </summary>
    public bool CanPark => _state == PortState.Idle && Call is null && _draining is null && _inbox.IsEmpty && TimersIdle;

    /// <summary>Media thread: no timer of the controller runs (default: it has none).</summary>
    protected virtual bool TimersIdle => true;

    /// <summary>
    /// SIP thread: takes an incoming SIP call if the port is idle (atomically, so two calls cannot both take it) and
    /// hands it to the media thread. False leaves the call to the caller (to try another port or refuse).
    /// </summary>
    public bool TryTake(SipCall call, string dialled)
    {
        if (!Settings.Enabled || _state != PortState.Idle || Interlocked.CompareExchange(ref _claim, Claimed, Free) != Free)
        {
            return false;
        }

        Post(() => Incoming(call, dialled));
        return true;
    }

    /// <summary>
    /// How long a fax call's media keeps playing to the line after the far end's BYE: the last T.30 frames (MCF, DCN)
    /// may still be on their way through the T.38 gateway or the jitter buffer when the peer hangs up.
    /// </summary>
    public static readonly TimeSpan FaxDrain = TimeSpan.FromSeconds(2);

    public void OnTick(in MediaTick tick)
    {
        while (_inbox.TryDequeue(out var action))
        {
            action();
        }

        if (_draining is { } draining && Now >= _drainUntil)
        {
            _draining = null;
            DropCall(draining, _drainWhy ?? "ended");
            Drained();
        }

        Tick();

        // The media thread applies a switch (to T.38, to G.711 fax) on the tick after the call asked for it, so the
        // publish that follows the re-INVITE still saw the old mode: publish what the media carries now.
        if (Call is { Sip: not null } call && call.Mode != _publishedMode)
        {
            PublishCall(call);
        }
    }

    /// <summary>Updates the port's status (and the call's) on the board.</summary>
    public void PublishCall(GatewayCall call)
    {
        if (call.Sip is { } sip)
        {
            _publishedMode = call.Mode;
            Context.Status.SetCall(new CallStatus(sip.CallId, Name, call.Direction, call.LocalNumber, call.RemoteNumber, call.Mode, call.Started));
        }

        if (call.IsFax && _state == PortState.Connected)
        {
            SetState(PortState.Fax);
        }
    }

    /// <summary>Publishes the port's initial state.</summary>
    public void PublishInitial() => SetState(PortState.Idle, force: true);

    protected abstract void Incoming(SipCall call, string dialled);

    protected abstract void Tick();

    protected void SetState(PortState state, bool force = false)
    {
        if (_state == state && !force)
        {
            return;
        }

        _state = state;
        if (state == PortState.Idle)
        {
            Volatile.Write(ref _claim, Free);
        }
        else
        {
            Volatile.Write(ref _claim, Claimed);
        }

        OnStateChanged(state);
        Context.Status.SetPort(new PortStatus(Name, Kind, state, Settings.Number, Account.Name, Call?.Sip?.CallId, Context.Status.Time.GetUtcNow()));
    }

    /// <summary>Media thread: the port's state has just become <paramref name="state"/>.</summary>
    protected virtual void OnStateChanged(PortState state)
    {
    }

    /// <summary>
    /// Media thread: places the port's call to <paramref name="destination"/> (an INVITE offering G.711; caller ID from
    /// <paramref name="callerUser"/> and <paramref name="callerName"/>); <see cref="Dialled"/> runs on the media thread when
    /// the INVITE ends. Returns why the call could not even start (no target for the number, no free media port), else null.
    /// </summary>
    protected string? Dial(string direction, string destination, string? localNumber, string? remoteNumber, string? callerUser, string? callerName)
    {
        GatewayCall? call = null;
        SdpSessionDescription offer;
        SipCall sip;
        try
        {
            call = new GatewayCall(this, Context, FaxSettings, direction, localNumber, remoteNumber);
            offer = call.CreateAudioOffer();
            sip = Account.UserAgent.CreateCall(Account.TargetFor(destination), offer, callerUser: callerUser, callerName: callerName);
        }
        catch (Exception e) when (e is InvalidOperationException or System.Net.Sockets.SocketException or FormatException or ArgumentException)
        {
            call?.Finish(null); // frees the media sockets it bound
            return e.Message;
        }

        Call = call;
        Watch(call, sip);
        PublishCall(call);
        Context.Background.Run($"{Name}: INVITE {destination}", async () =>
        {
            var result = await sip.DialAsync().ConfigureAwait(false);
            Post(() => Dialled(call, offer, result));
        });
        return null;
    }

    /// <summary>Media thread: the INVITE of <see cref="Dial"/> ended (connected or not).</summary>
    protected abstract void Dialled(GatewayCall call, SdpSessionDescription offer, SipDialResult result);

    /// <summary>
    /// Media thread: makes the call for an incoming INVITE with its answer (to the INVITE's offer, or the box's own offer
    /// for an INVITE without SDP). Rejects the INVITE and returns null when <paramref name="busy"/> (486), when no media
    /// port is free (503) or when nothing in the offer is acceptable (488).
    /// </summary>
    protected IncomingAnswer? AcceptIncoming(SipCall sip, bool busy, string direction, string? localNumber, string? remoteNumber)
    {
        if (busy || State != PortState.Idle)
        {
            Reject(sip, 486, "Busy Here");
            SetState(State, force: true);
            return null;
        }

        GatewayCall call;
        try
        {
            call = new GatewayCall(this, Context, FaxSettings, direction, localNumber, remoteNumber);
        }
        catch (System.Net.Sockets.SocketException)
        {
            Reject(sip, 503, "No Media Ports");
            SetState(PortState.Idle, force: true);
            return null;
        }

        if (sip.RemoteOffer is not { } offer)
        {
            var own = call.CreateAudioOffer();
            return new IncomingAnswer(call, own, null);
        }

        var answer = call.AnswerInitialOffer(offer);
        if (!answer.IsAcceptable)
        {
            call.Finish(null);
            Reject(sip, 488, "Not Acceptable Here");
            SetState(PortState.Idle, force: true);
            return null;
        }

        return new IncomingAnswer(call, answer.Description, answer.Session);
    }

    private void Reject(SipCall sip, int code, string phrase) =>
        Context.Background.Run($"{Name}: reject {code}", () => sip.RejectAsync(code, phrase).AsTask());

    /// <summary>Subscribes to the SIP call's end and progress; the handlers post to the media thread.</summary>
    protected void Watch(GatewayCall call, SipCall sip)
    {
        call.Attach(sip);
        sip.StateChanged.Add((change, _) =>
        {
            if (change.State == SipCallState.Terminated)
            {
                Post(() => RemoteEnded(call, change));
            }

            return ValueTask.CompletedTask;
        });
        sip.Progress.Add((progress, _) =>
        {
            Post(() => Progress(call, progress));
            return ValueTask.CompletedTask;
        });
    }

    /// <summary>Media thread: the SIP call ended (by either side; the controller may already have moved on).</summary>
    protected abstract void RemoteEnded(GatewayCall call, SipCallStateChange change);

    /// <summary>Media thread: a provisional response to the box's INVITE.</summary>
    protected virtual void Progress(GatewayCall call, SipCallProgress progress)
    {
    }

    /// <summary>Media thread: ends the port's call locally (BYE, CANCEL or rejection) and writes its record.</summary>
    protected void EndCall(string why)
    {
        _draining = null;
        if (Call is not { } call)
        {
            return;
        }

        Call = null;
        LinePort.Audio = null;
        if (call.Sip is { } sip)
        {
            Context.Background.Run($"{Name}: hang up", () => sip.HangUpAsync());
            Context.Status.RemoveCall(sip.CallId);
        }

        call.Finish(why);
    }

    /// <summary>
    /// Media thread: the far end ended <paramref name="call"/>. A fax call keeps its media on the line for
    /// <see cref="FaxDrain"/> and then drops it (<see cref="Drained"/> follows); true when it drains, false when the caller
    /// should clear at once.
    /// </summary>
    protected bool Drain(GatewayCall call, string why)
    {
        if (!call.IsFax)
        {
            return false;
        }

        _draining = call;
        _drainWhy = why;
        _drainUntil = Now + FaxDrain;
        return true;
    }

    /// <summary>Media thread: a drained call was dropped; clear the line now.</summary>
    protected virtual void Drained()
    {
    }

    /// <summary>Media thread: forgets the port's call after the far end ended it and writes its record.</summary>
    protected void DropCall(GatewayCall call, string why)
    {
        if (!ReferenceEquals(Call, call))
        {
            return;
        }

        Call = null;
        LinePort.Audio = null;
        if (call.Sip is { } sip)
        {
            Context.Status.RemoveCall(sip.CallId);
        }

        call.Finish(why);
    }
}
