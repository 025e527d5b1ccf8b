using System.Collections.Concurrent;
using FaxBox.CallControl.Calls;
using FaxBox.CallControl.Configuration;
using FaxBox.CallControl.Signalling;
using FaxBox.Core;
using FaxBox.Fax;
using FaxBox.Sip.Calls;
using Microsoft.Extensions.Logging;

namespace FaxBox.CallControl.Terminals;

/// <summary>
/// The box's own fax terminal calls, both ways, ticked by the gateway's media tick like the ports: no thread per call.
/// Outgoing calls come from <see cref="SendAsync"/> (any thread); incoming ones from <see cref="TryAnswer"/> on a SIP
/// thread for an INVITE to one of <see cref="TerminalOptions.Numbers"/>, offered to the <see cref="Sink"/>. Work from other
/// threads is posted and drained at the start of the next tick.
/// </summary>
internal sealed partial class TerminalCalls : IMediaParkingHandler
{
    /// <summary>The port name terminal calls carry in call status, progress and fax records.</summary>
    public const string PortName = "terminal";

    private readonly GatewayContext _context;
    private readonly IReadOnlyList<SipAccount> _accounts;
    private readonly TerminalShard[] _shards;
    private readonly ILogger _logger;
    private int _active;
    private int _nextShard;

    /// <param name="context">The gateway's shared context.</param>
    /// <param name="accounts">The SIP accounts calls are placed and answered on.</param>
    /// <param name="shards">How many shards the calls are spread over (one per terminal thread); 1 on the media tick.</param>
    public TerminalCalls(GatewayContext context, IReadOnlyList<SipAccount> accounts, int shards = 1)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(shards);
        _context = context;
        _accounts = accounts;
        _logger = context.Loggers.CreateLogger<TerminalCalls>();
        _shards = new TerminalShard[shards];
        for (var i = 0; i < shards; i++)
        {
            _shards[i] = new TerminalShard(context.Wake);
        }
    }

    /// <summary>The terminal settings in force.</summary>
    public TerminalOptions Options => _context.Options.Terminal;

    /// <summary>Where incoming faxes for the terminal's numbers go; null refuses them (480).</summary>
    public IInboundFaxSink? Sink
    {
        get => _context.FaxSink;
        set => _context.FaxSink = value;
    }

    /// <summary>The media factory for terminal calls.</summary>
    public ITerminalMediaFactory Media => _context.Media as ITerminalMediaFactory
        ?? throw new InvalidOperationException("the gateway's media factory cannot make fax terminal media");

    /// <summary>Terminal calls in progress (both ways, including those still being set up).</summary>
    public int Active => Volatile.Read(ref _active);

    /// <summary>The shards the calls are spread over (each ticked on one thread).</summary>
    internal IReadOnlyList<TerminalShard> Shards => _shards;

    /// <summary>The calls now, every shard's (between ticks in tests).</summary>
    internal IReadOnlyList<TerminalCall> Calls => _shards.SelectMany(s => s.Calls).ToList();

    /// <summary>Media time of the first shard's last tick.</summary>
    public TimeSpan Now => _shards[0].Now;

    /// <summary>Media thread: no terminal call and nothing posted to any shard (a new call arrives by a post, which wakes the clock).</summary>
    public bool CanPark
    {
        get
        {
            foreach (var shard in _shards)
            {
                if (shard.HasWork)
                {
                    return false;
                }
            }

            return true;
        }
    }

    /// <summary>Media thread: ticks every shard in turn (the terminal calls on the media tick).</summary>
    public void OnTick(in MediaTick tick)
    {
        foreach (var shard in _shards)
        {
            shard.OnTick(tick);
        }
    }

    /// <summary>The shard a new call joins: round robin, so the calls (and their page ends) are spread evenly.</summary>
    private TerminalShard NextShard() => _shards[(int)((uint)Interlocked.Increment(ref _nextShard) % (uint)_shards.Length)];

    /// <summary>Places one outgoing fax call (see <see cref="IFaxCaller.SendAsync"/>).</summary>
    public async Task<FaxCallOutcome> SendAsync(FaxCallRequest request, IProgress<Core.Status.FaxProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var account = request.Account is null
            ? _accounts[0]
            : _accounts.FirstOrDefault(a => a.Name == request.Account)
                ?? throw new ArgumentException($"request.account: no SIP account '{request.Account}' (accounts: {string.Join(", ", _accounts.Select(a => a.Name))})", nameof(request));
        if (!File.Exists(request.TiffPath))
        {
            throw new ArgumentException($"{request.TiffPath}: no such file to send", nameof(request));
        }

        if (request.MaxBitRate is not (14_400 or 9_600 or 4_800))
        {
            throw new ArgumentException($"request.maxBitRate: {request.MaxBitRate} is not 14400, 9600 or 4800", nameof(request));
        }

        if (cancellationToken.IsCancellationRequested)
        {
            return new FaxCallOutcome(FaxCallOutcomeKind.Cancelled, "cancelled before the call", 0, null, null, null);
        }

        var terminal = new FaxTerminalOptions
        {
            Direction = FaxDirection.Send,
            CallingParty = true,
            SendFile = request.TiffPath,
            LocalIdent = request.LocalIdent,
            SubAddress = request.SubAddress,
            Ecm = request.Ecm,
            Modems = TerminalCall.ModemsFor(request.MaxBitRate),
            LogTag = request.Tag,
        };
        terminal.Validate();
        if (Interlocked.Increment(ref _active) > Options.MaxCalls)
        {
            Interlocked.Decrement(ref _active);
            return new FaxCallOutcome(FaxCallOutcomeKind.NetworkError, $"the terminal already has {Options.MaxCalls} calls (terminal.maxCalls)", 0, null, null, null);
        }

        TerminalCall call;
        SipCall sip;
        var shard = NextShard();
        try
        {
            call = new TerminalCall(this, shard, _context, account, "outbound", terminal, request.Transport == FaxTransport.T38, request.CallerNumber ?? account.Settings.Username, request.Destination);
        }
        catch (Exception e) when (e is System.Net.Sockets.SocketException or IOException or InvalidOperationException)
        {
            // IOException: no free port in the media range (MediaPortAllocator); the slot must be given back, or the
            // terminal counts a call that never was and refuses every call once maxCalls such failures have added up.
            Interlocked.Decrement(ref _active);
            return new FaxCallOutcome(FaxCallOutcomeKind.NetworkError, $"no media for the call: {e.Message}", 0, null, null, null);
        }

        var offer = call.CreateAudioOffer();
        try
        {
            sip = account.UserAgent.CreateCall(account.TargetFor(request.Destination), offer, callerUser: request.CallerNumber);
        }
        catch (Exception e) when (e is InvalidOperationException or FormatException or ArgumentException)
        {
            call.Media.Dispose();
            Interlocked.Decrement(ref _active);
            throw new ArgumentException($"request.destination: cannot call '{request.Destination}': {e.Message}", nameof(request), e);
        }

        var done = new TaskCompletionSource<FaxCallOutcome>(TaskCreationOptions.RunContinuationsAsynchronously);
        call.Progress = progress;
        call.Ended = (_, end) =>
        {
            Interlocked.Decrement(ref _active);
            done.TrySetResult(new FaxCallOutcome(end.Kind, end.Reason, end.Result?.Statistics.PagesTransferred ?? 0, end.SipStatus, end.Result?.RemoteIdent, end.Record));
        };
        call.Attach(sip);
        LogCalling(_logger, sip.CallId, request.Destination, request.Transport, request.Tag);
        shard.Post(() =>
        {
            shard.Add(call);
            call.Begin(shard.Now);
            _context.Background.Run($"terminal: INVITE {request.Destination}", async () =>
            {
                var result = await sip.DialAsync().ConfigureAwait(false);
                shard.Post(() => call.Dialled(offer, result, shard.Now));
            });
        });
        using var registration = cancellationToken.Register(() => shard.Post(() => call.Cancel("cancelled")));
        return await done.Task.ConfigureAwait(false);
    }

    /// <summary>
    /// SIP thread: an INVITE on <paramref name="account"/>. False when its Request-URI or To user is not one of the
    /// terminal's numbers (the ports take it). Otherwise the terminal takes it: offered to the sink and answered, or
    /// refused — 480 with no sink, 404 when the sink declines, 486 beyond <see cref="TerminalOptions.MaxCalls"/>, 488 for an
    /// offer with nothing acceptable (or none: an INVITE without SDP is not supported), 503 with no free media port.
    /// </summary>
    public bool TryAnswer(SipAccount account, SipCall sip, Action<SipCall, int, string, string> refuse)
    {
        var requestUser = sip.IncomingInvite?.RequestUri.User;
        var toUser = sip.IncomingInvite?.To?.Uri.User;
        var numbers = Options.Numbers;
        var dialled = requestUser is not null && numbers.Contains(requestUser) ? requestUser
            : toUser is not null && numbers.Contains(toUser) ? toUser
            : Options.AnswerEveryNumber ? requestUser ?? toUser ?? string.Empty
            : null;
        if (dialled is null)
        {
            return false;
        }

        if (Sink is not { } sink)
        {
            refuse(sip, 480, "Temporarily Unavailable", $"no fax service takes faxes for the terminal number {dialled}");
            return true;
        }

        if (Interlocked.Increment(ref _active) > Options.MaxCalls)
        {
            Interlocked.Decrement(ref _active);
            refuse(sip, 486, "Busy Here", $"the terminal already has {Options.MaxCalls} calls (terminal.maxCalls)");
            return true;
        }

        var info = new InboundFaxCall(sip.CallId, dialled, sip.RemoteUri.User, sip.IncomingInvite?.From?.DisplayName, account.Name);
        InboundFaxAcceptance? acceptance;
        try
        {
            acceptance = sink.Offer(info);
        }
        catch (Exception e)
        {
            LogSinkFailed(_logger, sip.CallId, e);
            acceptance = null;
        }

        if (acceptance is null)
        {
            Interlocked.Decrement(ref _active);
            refuse(sip, 404, "Not Found", $"the fax service declined the call to {dialled}");
            return true;
        }

        var terminal = new FaxTerminalOptions
        {
            Direction = FaxDirection.Receive,
            CallingParty = false,
            ReceiveFile = acceptance.ReceivePath,
            LocalIdent = acceptance.LocalIdent,
            Ecm = Options.Ecm,
            LogTag = sip.CallId,
        };

        TerminalCall call;
        var shard = NextShard();
        try
        {
            terminal.Validate();
            call = new TerminalCall(this, shard, _context, account, "inbound", terminal, Options.Receive == FaxTransport.T38, dialled, sip.RemoteUri.User);
        }
        catch (Exception e) when (e is System.Net.Sockets.SocketException or IOException or InvalidOperationException or ArgumentException)
        {
            Interlocked.Decrement(ref _active);
            refuse(sip, 503, "Service Unavailable", $"cannot answer as a fax terminal: {e.Message}");
            Completed(sink, info, new InboundFaxOutcome(acceptance.ReceivePath, false, 0, $"not answered: {e.Message}", null, null, null));
            return true;
        }

        var answer = sip.RemoteOffer is { } offer ? call.AnswerInitialOffer(offer) : null;
        if (answer is not { IsAcceptable: true })
        {
            call.Media.Dispose();
            Interlocked.Decrement(ref _active);
            var why = answer is null ? "an INVITE without SDP (the terminal needs an offer)" : answer.Reason ?? "nothing acceptable in the offer";
            refuse(sip, 488, "Not Acceptable Here", why);
            Completed(sink, info, new InboundFaxOutcome(acceptance.ReceivePath, false, 0, $"not answered: {why}", null, null, null));
            return true;
        }

        call.Ended = (_, end) =>
        {
            Interlocked.Decrement(ref _active);
            var outcome = new InboundFaxOutcome(
                acceptance.ReceivePath, end.Kind == FaxCallOutcomeKind.Sent, end.Result?.Statistics.PagesTransferred ?? 0, end.Reason,
                end.Result?.RemoteIdent, end.Result?.SubAddress, end.Record);
            Completed(sink, info, outcome);
        };
        call.Attach(sip);
        LogAnswering(_logger, sip.CallId, dialled, sip.RemoteUri.User ?? "");
        shard.Post(() =>
        {
            shard.Add(call);
            call.Begin(shard.Now);
            _context.Background.Run($"terminal: answer {sip.CallId}", async () =>
            {
                await sip.AnswerAsync(answer.Description).ConfigureAwait(false);
                shard.Post(() =>
                {
                    if (sip.State == SipCallState.Connected)
                    {
                        call.Connected(answer.Session, shard.Now);
                    }
                });
            });
        });
        return true;
    }

    /// <summary>Media thread: cancels every terminal call (the gateway stops).</summary>
    public void CancelAll()
    {
        foreach (var shard in _shards)
        {
            shard.Post(() =>
            {
                foreach (var call in shard.Calls)
                {
                    call.Cancel("the box is stopping");
                }
            });
        }
    }

    /// <summary>Hands an inbound outcome to the sink off the media thread (its contract).</summary>
    private void Completed(IInboundFaxSink sink, InboundFaxCall call, InboundFaxOutcome outcome) =>
        _context.Background.Run($"terminal: fax from {call.CallerNumber} completed", () =>
        {
            sink.Completed(call, outcome);
            return Task.CompletedTask;
        });

    [LoggerMessage(EventId = LogEventIds.CallControl + 76, Level = LogLevel.Information, Message = "terminal {CallId}: sending to {Destination} over {Transport} ({Tag})")]
    private static partial void LogCalling(ILogger logger, string callId, string destination, FaxTransport transport, string tag);

    [LoggerMessage(EventId = LogEventIds.CallControl + 77, Level = LogLevel.Information, Message = "terminal {CallId}: answering a fax to {Number} from {Caller}")]
    private static partial void LogAnswering(ILogger logger, string callId, string number, string caller);

    [LoggerMessage(EventId = LogEventIds.CallControl + 78, Level = LogLevel.Error, Message = "terminal {CallId}: the fax sink's Offer failed; refusing the call")]
    private static partial void LogSinkFailed(ILogger logger, string callId, Exception exception);
}
