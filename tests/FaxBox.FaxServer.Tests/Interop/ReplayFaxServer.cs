using System.Globalization;
using System.Net;
using FaxBox.CallControl;
using FaxBox.CallControl.Bridging;
using FaxBox.CallControl.Configuration;
using FaxBox.CallControl.Terminals;
using FaxBox.Core.Status;
using FaxBox.Fax.SpanDsp;
using FaxBox.FaxServer.Delivery;
using FaxBox.FaxServer.Routing;
using FaxBox.LineInterface;
using FaxBox.Media.Scheduling;
using Microsoft.Extensions.Logging.Abstractions;

namespace FaxBox.FaxServer.Tests.Interop;

/// <summary>
/// A running box as the fax server runs in <c>faxbox run</c>, without line ports: the gateway with one SIP account on
/// 127.0.0.1 (its terminal answering <see cref="TerminalNumber"/>), the native engine, the real-time media clock, and a
/// <see cref="FaxServerService"/> (SQLite outbox, inbox) as the gateway's inbound fax sink and its caller. Received faxes
/// to <see cref="TerminalNumber"/> are routed by rule to the folder <see cref="Folder"/> and posted to a webhook on
/// 127.0.0.1 (<see cref="Hook"/>), so a test sees them routed and delivered.
/// </summary>
internal sealed class ReplayFaxServer : IAsyncDisposable
{
    /// <summary>The box's own fax number.</summary>
    public const string TerminalNumber = "300";

    /// <summary>The inbox folder the routing rule for <see cref="TerminalNumber"/> files faxes in.</summary>
    public const string Folder = "replays";

    /// <summary>The CSI/TSI the box's terminal says.</summary>
    public const string LocalIdent = "FaxBox replay";

    private readonly RealTimeMediaClock _clock;
    private readonly IDisposable _ticking;

    private ReplayFaxServer(Gateway gateway, FaxServerService server, RealTimeMediaClock clock, IDisposable ticking, WebhookReceiver hook)
    {
        Gateway = gateway;
        Server = server;
        _clock = clock;
        _ticking = ticking;
        Hook = hook;
    }

    public Gateway Gateway { get; }

    public FaxServerService Server { get; }

    /// <summary>The webhook the routing rule posts received faxes to.</summary>
    public WebhookReceiver Hook { get; }

    /// <summary>The box's SIP address as sipp dials it.</summary>
    public string SipHostPort => $"127.0.0.1:{Gateway.SipEndPoints.Values.First().Port.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>
    /// Starts the box on <paramref name="dataFolder"/>; its calls to numbers go to <paramref name="target"/> (host:port),
    /// its terminal takes faxes over <paramref name="receive"/>.
    /// </summary>
    public static async Task<ReplayFaxServer> StartAsync(string dataFolder, string? target, FaxTransport receive)
    {
        var options = new GatewayOptions
        {
            Name = "replaybox",
            Accounts = [new SipAccountSettings { Name = "trunk", Username = "fax", Port = 0, Target = target }],
            Terminal = new TerminalOptions { Numbers = [TerminalNumber], LocalIdent = LocalIdent, Receive = receive },
        };
        var hook = WebhookReceiver.Start();
        var status = new StatusBoard(options.Name);
        var media = new CallMediaFactory(options.Media, new SpanDspFaxEngine(NullLoggerFactory.Instance), NullLoggerFactory.Instance);
        var gateway = Gateway.Create(options, new Dictionary<int, ILinePort>(), media, new NoDns(), status, NullLoggerFactory.Instance);
        var serverOptions = new FaxServerOptions
        {
            Routing = new InboundRoutingOptions { Rules = [new InboundRouteRule { CalledNumber = TerminalNumber, Folder = Folder, Webhook = hook.Url }] },
            Webhook = new WebhookOptions { Secret = WebhookReceiver.Secret, Timeout = TimeSpan.FromSeconds(10) },
            DeliveryRetry = new DeliveryRetryOptions { FirstDelay = TimeSpan.FromSeconds(1) },
        };
        serverOptions.Inbox.LocalIdent = LocalIdent;
        serverOptions.Outbox.LocalIdent = LocalIdent;
        FaxServerService server;
        try
        {
            server = await FaxServerService.StartAsync(serverOptions, dataFolder, gateway, status, [], TimeProvider.System, NullLoggerFactory.Instance, CancellationToken.None);
        }
        catch
        {
            await gateway.DisposeAsync();
            hook.Dispose();
            throw;
        }

        gateway.FaxSink = server;
        var clock = new RealTimeMediaClock(new MediaClockOptions { RealTimePriority = 0 });
        var ticking = clock.Register(gateway);
        gateway.Start();
        clock.Start();
        return new ReplayFaxServer(gateway, server, clock, ticking, hook);
    }

    /// <summary>Polls (every 100 ms, at most <paramref name="limit"/>) until <paramref name="done"/>; false on time-out.</summary>
    public static async Task<bool> WaitAsync(Func<bool> done, TimeSpan limit)
    {
        var deadline = DateTime.UtcNow + limit;
        while (!done())
        {
            if (DateTime.UtcNow > deadline)
            {
                return false;
            }

            await Task.Delay(100);
        }

        return true;
    }

    public async ValueTask DisposeAsync()
    {
        await Gateway.StopAsync(TimeSpan.FromSeconds(2));
        await Server.DisposeAsync();
        _ticking.Dispose();
        _clock.Dispose();
        await Gateway.DisposeAsync();
        Hook.Dispose();
    }
}
