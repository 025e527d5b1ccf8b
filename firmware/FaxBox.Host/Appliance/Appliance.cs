using FaxBox.CallControl;
using FaxBox.CallControl.Bridging;
using FaxBox.CallControl.Configuration;
using FaxBox.Core;
using FaxBox.Core.Status;
using FaxBox.Fax;
using FaxBox.FaxServer;
using FaxBox.Host.Cli;
using FaxBox.LineInterface.Hardware.Boards;
using FaxBox.LineInterface.Regions;
using FaxBox.Media.Net;
using FaxBox.Mqtt;
using FaxBox.Mqtt.Configuration;
using FaxBox.Sip.Dns;
using Microsoft.Extensions.Logging;

namespace FaxBox.Host.Appliance;

/// <summary>
/// One running box: its board's line ports and the gateway on them, ticked together (ports first) by a media clock.
/// <c>faxbox run</c> runs one on the real-time clock; <c>faxbox demo</c> runs two side by side. When the board and the
/// gateway are both idle the real-time clock parks (<see cref="CanPark"/>) until the gateway's <see cref="Wake"/>.
/// </summary>
internal sealed partial class Appliance : IMediaParkingHandler, IAsyncDisposable
{
    private Appliance(ApplianceBoard board, Gateway gateway, StatusBoard status, FaxServerService? faxServer, MqttStatusService? mqtt)
    {
        Board = board;
        Gateway = gateway;
        Status = status;
        FaxServer = faxServer;
        Mqtt = mqtt;
    }

    public ApplianceBoard Board { get; }

    public Gateway Gateway { get; }

    public StatusBoard Status { get; }

    /// <summary>The box's own fax terminal service (inbox, outbox), when the configuration enables it.</summary>
    public FaxServerService? FaxServer { get; }

    /// <summary>The MQTT status publisher (and embedded broker), when running.</summary>
    public MqttStatusService? Mqtt { get; }

    /// <summary>
    /// Opens the board, builds and starts the gateway. Configuration errors surface as <see cref="GatewayConfigurationException"/>.
    /// <paramref name="statusTime"/> stamps the status feed and fax records (default the system clock; <c>faxbox demo</c>
    /// passes its simulated time).
    /// </summary>
    public static async Task<Appliance> StartAsync(
        GatewayOptions options,
        BoardProfile profile,
        IFaxEngine engine,
        string dataFolder,
        ILoggerFactory loggers,
        IDnsClient? dns = null,
        string region = "US",
        TimeProvider? statusTime = null,
        FaxServerOptions? faxServer = null,
        MqttOptions? mqtt = null,
        Core.Capture.PacketTap? tap = null,
        CancellationToken cancellationToken = default)
    {
        var lineRegion = LineRegions.BuiltIn.Get(region);
        var board = await ApplianceBoard.OpenAsync(profile, lineRegion, engine, dataFolder, loggers, cancellationToken).ConfigureAwait(false);
        try
        {
            var status = new StatusBoard(options.Name, statusTime);
            var media = new CallMediaFactory(options.Media, engine, loggers, tap);
            dns ??= DefaultDns(loggers);
            var gateway = Gateway.Create(options, board.Ports, media, dns, status, loggers, tap);
            FaxServerService? server = null;
            try
            {
                if (faxServer is { Enabled: true })
                {
                    faxServer.Inbox.LocalIdent = options.Terminal.LocalIdent;
                    if (faxServer.Outbox.LocalIdent.Length == 0)
                    {
                        faxServer.Outbox.LocalIdent = options.Terminal.LocalIdent;
                    }

                    var storeAndForward = options.Ports.Where(p => p.StoreAndForward && board.Ports.ContainsKey(p.Port)).Select(p => board.Ports[p.Port].Name);
                    server = await FaxServerService.StartAsync(
                        faxServer, dataFolder, gateway, status, storeAndForward, statusTime ?? TimeProvider.System, loggers, cancellationToken).ConfigureAwait(false);
                    gateway.FaxSink = server;
                }

                gateway.Start();
                MqttStatusService? publisher = null;
                if (mqtt is not null)
                {
                    try
                    {
                        var commands = new ApplianceCommands(gateway, () => server);
                        publisher = await MqttStatusService.StartAsync(mqtt, status, options.Name, dataFolder, loggers, statusTime, commands).ConfigureAwait(false);
                    }
                    catch (MqttConfigurationException e)
                    {
                        // Status never stops faxing: the box runs on without MQTT and says why.
                        LogMqttUnavailable(loggers.CreateLogger<Appliance>(), e.Key, e.Reason);
                    }
                }

                return new Appliance(board, gateway, status, server, publisher);
            }
            catch
            {
                if (server is not null)
                {
                    await server.DisposeAsync().ConfigureAwait(false);
                }

                await gateway.DisposeAsync().ConfigureAwait(false);
                throw;
            }
        }
        catch
        {
            await board.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Wakes the parked media clock: give it to the real-time clock that ticks this box.</summary>
    public MediaWake Wake => Gateway.Wake;

    /// <summary>Media thread: no call, no port activity, nothing posted (see <see cref="IMediaParkingHandler"/>).</summary>
    public bool CanPark => Board.CanPark && Gateway.CanPark;

    public void OnTick(in MediaTick tick)
    {
        Board.OnTick(tick);
        Gateway.OnTick(tick);
    }

    public async ValueTask DisposeAsync()
    {
        if (Mqtt is not null)
        {
            await Mqtt.DisposeAsync().ConfigureAwait(false);
        }

        if (FaxServer is not null)
        {
            await FaxServer.DisposeAsync().ConfigureAwait(false);
        }

        await Gateway.DisposeAsync().ConfigureAwait(false);
        await Board.DisposeAsync().ConfigureAwait(false);
    }

    private static DnsClient DefaultDns(ILoggerFactory loggers)
    {
        var options = new DnsClientOptions();
        foreach (var server in SipOptionsCommand.ResolvConfServers())
        {
            options.Servers.Add(server);
        }

        return new DnsClient(options, loggers.CreateLogger<DnsClient>());
    }
}
