using FaxBox.CallControl;
using FaxBox.CallControl.Bridging;
using FaxBox.CallControl.Configuration;
using FaxBox.Core;
using FaxBox.Core.Status;
using FaxBox.Fax;
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
/// <c>faxbox run</c> runs one on the real-time clock; <c>faxbox demo</c> runs two side by side. With MQTT options the
/// box's status is published (<see cref="Mqtt"/>); disposing publishes <c>offline</c> before the gateway goes.
/// </summary>
internal sealed partial class Appliance : IMediaTickHandler, IAsyncDisposable
{
    private Appliance(ApplianceBoard board, Gateway gateway, StatusBoard status, MqttStatusService? mqtt)
    {
        Board = board;
        Gateway = gateway;
        Status = status;
        Mqtt = mqtt;
    }

    public ApplianceBoard Board { get; }

    public Gateway Gateway { get; }

    public StatusBoard Status { get; }

    /// <summary>The MQTT status publisher (and embedded broker), when running.</summary>
    public MqttStatusService? Mqtt { get; }

    /// <summary>
    /// Opens the board, builds and starts the gateway. Configuration errors surface as <see cref="GatewayConfigurationException"/>.
    /// <paramref name="statusTime"/> stamps the status feed and fax records (default the system clock; <c>faxbox demo</c>
    /// passes its simulated time). With <paramref name="mqtt"/> enabled the status is published over MQTT; an MQTT
    /// problem at start (the embedded broker's port taken) is logged and the box runs without it: status publishing
    /// never stops the box from faxing.
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
        MqttOptions? mqtt = null,
        CancellationToken cancellationToken = default)
    {
        var lineRegion = LineRegions.BuiltIn.Get(region);
        var board = await ApplianceBoard.OpenAsync(profile, lineRegion, engine, dataFolder, loggers, cancellationToken).ConfigureAwait(false);
        try
        {
            var status = new StatusBoard(options.Name, statusTime);
            var media = new CallMediaFactory(options.Media, engine, loggers);
            dns ??= DefaultDns(loggers);
            var gateway = Gateway.Create(options, board.Ports, media, dns, status, loggers);
            gateway.Start();
            MqttStatusService? publisher = null;
            if (mqtt is not null)
            {
                try
                {
                    publisher = await MqttStatusService.StartAsync(mqtt, status, options.Name, dataFolder, loggers, statusTime).ConfigureAwait(false);
                }
                catch (MqttConfigurationException e)
                {
                    LogMqttUnavailable(loggers.CreateLogger<Appliance>(), e.Key, e.Reason);
                }
            }

            return new Appliance(board, gateway, status, publisher);
        }
        catch
        {
            await board.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

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
