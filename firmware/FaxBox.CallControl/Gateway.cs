using System.Net;
using FaxBox.CallControl.Bridging;
using FaxBox.CallControl.Calls;
using FaxBox.CallControl.Configuration;
using FaxBox.CallControl.Signalling;
using FaxBox.CallControl.Terminals;
using FaxBox.Core;
using FaxBox.Core.Status;
using FaxBox.LineInterface;
using FaxBox.Sip.Calls;
using FaxBox.Sip.Dns;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace FaxBox.CallControl;

/// <summary>
/// The appliance's main job: each configured line port joined to its SIP account, calls both ways, fax detected and
/// relayed over T.38 with a G.711 fallback, every fax call recorded, and all of it published to one status feed.
/// Register it with the media clock after the line ports (it drains the controllers' work once per tick).
/// <para>
/// It is also the box's own fax terminal on SIP: <see cref="SendAsync"/> sends a document (<see cref="IFaxCaller"/>), and an
/// INVITE to one of <see cref="TerminalOptions.Numbers"/> is offered to <see cref="FaxSink"/>. Terminal calls are ticked
/// with the ports, on the same media tick.
/// </para>
/// </summary>
public sealed partial class Gateway : IMediaParkingHandler, IFaxCaller, IAsyncDisposable
{
    private readonly GatewayContext _context;
    private readonly List<SipAccount> _accounts;
    private readonly List<PortController> _controllers;
    private readonly ILogger _logger;
    private readonly TerminalCalls _terminals;
    private readonly TerminalTickWorker[] _terminalWorkers = [];

    /// <summary>The box's own fax terminal calls (for tests).</summary>
    internal TerminalCalls Terminals => _terminals;
    private bool _started;

    private Gateway(GatewayContext context, List<SipAccount> accounts, List<PortController> controllers)
    {
        _context = context;
        _accounts = accounts;
        _controllers = controllers;
        _logger = context.Loggers.CreateLogger<Gateway>();
        var ownThreads = context.Options.Terminal.OwnThread;
        _terminals = new TerminalCalls(context, accounts, ownThreads ? Math.Max(1, Environment.ProcessorCount) : 1);
        if (ownThreads)
        {
            var logger = context.Loggers.CreateLogger<TerminalTickWorker>();
            _terminalWorkers = _terminals.Shards.Select(shard => new TerminalTickWorker(shard, () => shard.HasWork, logger)).ToArray();
        }
        foreach (var account in accounts)
        {
            account.UserAgent.IncomingCall.Add((call, _) =>
            {
                Route(account, call);
                return ValueTask.CompletedTask;
            });
        }
    }

    /// <summary>The status model the gateway publishes (ports, registrations, calls, fax records).</summary>
    public IStatusFeed Status => _context.Status;

    /// <summary>
    /// Where faxes to the terminal's numbers (<see cref="TerminalOptions.Numbers"/>) go. Set it before <see cref="Start"/>
    /// (or at any time: calls arriving while it is null are refused with 480). Default null.
    /// </summary>
    public IInboundFaxSink? FaxSink
    {
        get => _terminals.Sink;
        set => _terminals.Sink = value;
    }

    /// <summary>The box's own fax terminal calls in progress, both ways.</summary>
    public int TerminalCalls => _terminals.Active;

    /// <summary>Where each account's SIP socket is bound, by account name.</summary>
    public IReadOnlyDictionary<string, IPEndPoint> SipEndPoints => _accounts.ToDictionary(a => a.Name, a => a.LocalEndPoint);

    /// <summary>The SIP accounts (tests look at their calls).</summary>
    internal IReadOnlyList<SipAccount> Accounts => _accounts;

    /// <summary>SIP operations still running (the demo and tests use it to pace a virtual clock).</summary>
    public int PendingSignalling => _context.Background.Pending;

    /// <summary>
    /// Builds the gateway: validates <paramref name="options"/> against <paramref name="ports"/> (the board's ports by
    /// index), binds every account's SIP socket and makes a controller per configured port. Throws
    /// <see cref="GatewayConfigurationException"/> with the key and reason for a wrong setting. <paramref name="tap"/>
    /// sees the SIP sockets' datagrams (a packet capture; the media sockets' come from <paramref name="media"/>).
    /// </summary>
    public static Gateway Create(
        GatewayOptions options,
        IReadOnlyDictionary<int, ILinePort> ports,
        ICallMediaFactory media,
        IDnsClient dns,
        StatusBoard? status = null,
        ILoggerFactory? loggers = null,
        Core.Capture.PacketTap? tap = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(ports);
        options.Validate(ports.ContainsKey);
        loggers ??= NullLoggerFactory.Instance;
        status ??= new StatusBoard(options.Name);
        var context = new GatewayContext(options, status, media, loggers);
        var accounts = new List<SipAccount>();
        try
        {
            foreach (var settings in options.Accounts)
            {
                accounts.Add(SipAccount.Create(settings, dns, options.SipT1, status, loggers, tap));
            }
        }
        catch (System.Net.Sockets.SocketException e)
        {
            foreach (var a in accounts)
            {
                a.DisposeAsync().AsTask().GetAwaiter().GetResult();
            }

            var index = accounts.Count;
            throw new GatewayConfigurationException($"sip.accounts[{index}].port", $"cannot bind {options.Accounts[index].ListenAddress}:{options.Accounts[index].Port}: {e.Message}");
        }

        var controllers = new List<PortController>();
        for (var i = 0; i < options.Ports.Count; i++)
        {
            var settings = options.Ports[i];
            var account = accounts.First(a => a.Name == settings.Account);
            controllers.Add(ports[settings.Port] switch
            {
                IFxsPort fxs => new FxsController(context, settings, fxs, account),
                IFxoPort fxo => new FxoController(context, settings, fxo, account),
                var other => throw new GatewayConfigurationException($"ports[{i}].port", $"port {settings.Port} ({other.Name}) is neither FXS nor FXO"),
            });
        }

        return new Gateway(context, accounts, controllers);
    }

    /// <summary>Starts SIP (and registrations) and publishes the ports; the box takes calls from now on.</summary>
    public void Start()
    {
        if (_started)
        {
            return;
        }

        _started = true;
        foreach (var controller in _controllers)
        {
            controller.PublishInitial();
        }

        foreach (var account in _accounts)
        {
            account.Start();
            LogAccount(_logger, account.Name, account.LocalEndPoint);
        }

        _context.Status.SetState(BoxState.Running);
    }

    /// <inheritdoc />
    public void OnTick(in MediaTick tick)
    {
        foreach (var controller in _controllers)
        {
            controller.OnTick(tick);
        }

        if (_terminalWorkers.Length > 0)
        {
            foreach (var worker in _terminalWorkers)
            {
                worker.OnTick(tick);
            }
        }
        else
        {
            _terminals.OnTick(tick);
        }
    }

    /// <summary>
    /// The threads the terminal calls run on when <see cref="TerminalOptions.OwnThread"/> is set (one per core, each with
    /// its share of the calls); empty otherwise.
    /// </summary>
    internal IReadOnlyList<TerminalTickWorker> TerminalWorkers => _terminalWorkers;

    /// <summary>
    /// The wake-up line of the media clock that ticks this gateway: everything that hands the gateway work from another
    /// thread (SIP, fax jobs, commands) wakes a parked clock through it. Pass it to the real-time clock.
    /// </summary>
    public MediaWake Wake => _context.Wake;

    /// <summary>Media thread: every port controller is idle and no terminal call runs (see <see cref="IMediaParkingHandler"/>).</summary>
    public bool CanPark
    {
        get
        {
            foreach (var controller in _controllers)
            {
                if (!controller.CanPark)
                {
                    return false;
                }
            }

            return _terminals.CanPark;
        }
    }

    /// <inheritdoc />
    public Task<FaxCallOutcome> SendAsync(FaxCallRequest request, IProgress<FaxProgress>? progress, CancellationToken cancellationToken) =>
        _terminals.SendAsync(request, progress, cancellationToken);

    /// <summary>
    /// Applies settings that need no restart: fax handling, dial plans and per-port settings (new calls use them; calls
    /// in progress keep theirs). Returns the keys that differ but need a restart (accounts, media, the port list).
    /// </summary>
    public IReadOnlyList<string> Apply(GatewayOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var restart = new List<string>();
        var old = _context.Options;
        if (options.Accounts.Count != old.Accounts.Count)
        {
            restart.Add("sip.accounts");
        }

        if (options.Media.PortMin != old.Media.PortMin || options.Media.PortMax != old.Media.PortMax || !options.Media.Address.Equals(old.Media.Address))
        {
            restart.Add("media");
        }

        if (options.Terminal.OwnThread != old.Terminal.OwnThread)
        {
            restart.Add("terminal.ownThread");
        }

        if (options.Ports.Count != _controllers.Count || options.Ports.Zip(_controllers).Any(p => p.First.Port != p.Second.Settings.Port || p.First.Account != p.Second.Account.Name))
        {
            restart.Add("ports");
        }
        else
        {
            foreach (var (controller, settings) in _controllers.Zip(options.Ports))
            {
                controller.Post(() => controller.Settings = settings);
            }
        }

        _context.Options = options;
        return restart;
    }

    /// <summary>
    /// Rings the FXS port named <paramref name="port"/> for <paramref name="duration"/> to test it; null once it rings,
    /// else why not (no such FXS port, busy, off-hook). Thread-safe.
    /// </summary>
    public Task<string?> RingTestAsync(string port, TimeSpan duration)
    {
        var fxs = _controllers.OfType<FxsController>().ToList();
        return fxs.FirstOrDefault(c => c.Name == port) is { } controller
            ? controller.RingTestAsync(duration)
            : Task.FromResult<string?>($"no FXS port named '{port}' (FXS ports: {(fxs.Count == 0 ? "none" : string.Join(", ", fxs.Select(c => c.Name)))})");
    }

    /// <summary>Stops taking calls, hangs up the calls in progress (bounded by <paramref name="grace"/>), unregisters.</summary>
    public async ValueTask StopAsync(TimeSpan grace)
    {
        _context.Status.SetState(BoxState.Stopping);
        _terminals.CancelAll();
        foreach (var account in _accounts)
        {
            foreach (var call in account.UserAgent.Calls)
            {
                _context.Background.Run("shutdown hang-up", () => call.HangUpAsync());
            }
        }

        await _context.Background.WhenIdleAsync(grace).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await StopAsync(TimeSpan.FromSeconds(2)).ConfigureAwait(false);
        foreach (var account in _accounts)
        {
            await account.DisposeAsync().ConfigureAwait(false);
        }

        foreach (var worker in _terminalWorkers)
        {
            worker.Dispose();
        }
    }

    /// <summary>SIP thread: an incoming INVITE on <paramref name="account"/> goes to the port it names, or is refused.</summary>
    private void Route(SipAccount account, SipCall call)
    {
        if (_terminals.TryAnswer(account, call, Refuse))
        {
            return;
        }

        var requestUser = call.IncomingInvite?.RequestUri.User;
        var toUser = call.IncomingInvite?.To?.Uri.User;
        var mine = _controllers.Where(c => c.Account == account).ToList();
        var fxs = mine.Where(c => c.Kind == PortKind.Fxs).ToList();
        var wanted = fxs.Where(c => c.Settings.Number is { } n && (n == requestUser || n == toUser)).ToList();
        if (wanted.Count == 0 && fxs.Count == 1 && (requestUser == account.Settings.Username || requestUser is null))
        {
            wanted = fxs;
        }

        var dialled = requestUser ?? toUser ?? "";
        if (wanted.Count > 0)
        {
            if (!wanted.Any(c => c.TryTake(call, dialled)))
            {
                Refuse(call, 486, "Busy Here", $"port {wanted[0].Name} is busy");
            }

            return;
        }

        // Not an FXS port's number: out through an idle FXO line of the account.
        var fxo = mine.Where(c => c.Kind == PortKind.Fxo).ToList();
        if (fxo.Count == 0)
        {
            Refuse(call, 404, "Not Found", $"no port answers to '{dialled}'");
            return;
        }

        if (!fxo.Any(c => c.TryTake(call, dialled)))
        {
            Refuse(call, 486, "Busy Here", "every FXO line is busy");
        }
    }

    private void Refuse(SipCall call, int code, string phrase, string why)
    {
        LogRefused(_logger, call.CallId, code, why);
        _context.Background.Run("refuse a call", () => call.RejectAsync(code, phrase).AsTask());
    }

    [LoggerMessage(EventId = LogEventIds.CallControl + 40, Level = LogLevel.Information, Message = "SIP account {Account} listening on {EndPoint}")]
    private static partial void LogAccount(ILogger logger, string account, IPEndPoint endPoint);

    [LoggerMessage(EventId = LogEventIds.CallControl + 41, Level = LogLevel.Information, Message = "refused call {CallId} with {Code}: {Why}")]
    private static partial void LogRefused(ILogger logger, string callId, int code, string why);
}
