using System.Collections.Concurrent;
using System.CommandLine;
using System.Threading.Channels;
using FaxBox.Admin;
using FaxBox.Admin.Api;
using FaxBox.Admin.Logs;
using FaxBox.CallControl.Configuration;
using FaxBox.Core.Status;
using FaxBox.Host.Admin;
using FaxBox.Host.Api;
using FaxBox.Host.Configuration;
using FaxBox.Host.Hosting;
using FaxBox.Media.Scheduling;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;

namespace FaxBox.Host.Cli;

/// <summary>
/// <c>faxbox run</c>: the appliance. Reads the configuration (the embedded default: the simulator board), opens the
/// board, starts the gateway on the real-time media clock, tells systemd it is ready (and feeds its watchdog while the
/// media clock ticks), applies configuration edits live, prints what happens, and stops gracefully on SIGTERM/SIGINT.
/// </summary>
internal static class RunCommand
{
    public static Command Create()
    {
        var config = new Option<FileInfo?>("--config") { Description = "The configuration file (default: the one the admin site saved, ~/.local/share/faxbox/faxbox.json, if there is one, else the built-in one on the simulator board; see 'faxbox config check --print-default')." };
        var board = new Option<FileInfo?>("--board") { Description = "A board file to use instead of the configuration's board." };
        var duration = new Option<TimeSpan?>("--for") { Description = "Stop by itself after this long (e.g. 00:01:00); default: until SIGTERM or Ctrl+C." };
        var adminUrls = new Option<string[]>("--admin-urls") { Description = "Where the admin web site listens, overriding the configuration's admin.urls (e.g. http://127.0.0.1:8080; several separated by ';' or repeated).", AllowMultipleArgumentsPerToken = true };
        var command = new Command("run", "Start the box: SIP, line ports, fax relay, its own fax server (inbox, outbox), MQTT status, the local API and the admin web site; on the simulator board by default.")
        {
            config, board, duration, adminUrls,
        };
        command.SetAction((parse, cancellationToken) => RunAsync(parse, parse.GetValue(config), parse.GetValue(board), parse.GetValue(duration), parse.GetValue(adminUrls), cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(ParseResult parse, FileInfo? configFile, FileInfo? boardFile, TimeSpan? duration, string[]? adminUrls, CancellationToken cancellationToken)
    {
        var stdout = parse.InvocationConfiguration.Output;
        var savePath = configFile?.FullName ?? HostAdminConfiguration.DefaultSavePath();
        if (configFile is null && File.Exists(savePath))
        {
            // Saved from the admin site by a box that ran the built-in default: used from then on.
            configFile = new FileInfo(savePath);
            stdout.WriteLine($"faxbox: using the configuration saved from the admin site, {savePath}");
        }

        var loaded = configFile is null
            ? ConfigurationLoadResult.Success(FaxBoxConfiguration.LoadEmbeddedDefault())
            : FaxBoxConfiguration.Load(configFile.FullName);
        if (loaded.Configuration is not { } configuration)
        {
            foreach (var error in loaded.Errors)
            {
                GlobalOptions.Fail(parse, error.ToString());
            }

            return 1;
        }

        var profile = configuration.BoardProfile;
        if (boardFile is not null)
        {
            if (BoardFile.Load(parse, boardFile) is not { } other)
            {
                return 1;
            }

            profile = other;
        }

        var logRing = new LogRing();
        var logLevelGiven = GlobalOptions.LogLevelGiven(parse);
        var consoleLevel = new LogLevelSwitch(logLevelGiven ? parse.GetValue(GlobalOptions.LogLevel) : configuration.LogLevel);
        using var loggers = GlobalOptions.CreateLoggerFactory(consoleLevel, new LogRingProvider(logRing, Microsoft.Extensions.Logging.LogLevel.Information));
        using var shutdown = new ShutdownSignal(loggers.CreateLogger<ShutdownSignal>());
        using var notifier = new SystemdNotifier(TimeProvider.System, loggers.CreateLogger<SystemdNotifier>());
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, shutdown.Token);
        if (duration is { } d)
        {
            stop.CancelAfter(d);
        }

        var engine = EngineFactory.Create(configuration.Engine, loggers);
        var tap = new FaxBox.Core.Capture.PacketTap(TimeProvider.System); // the admin site's packet capture of the box's own sockets
        stdout.WriteLine($"faxbox: starting {configuration}");
        Appliance.Appliance appliance;
        try
        {
            appliance = await Appliance.Appliance.StartAsync(
                configuration.Gateway, profile, engine, configuration.DataFolder, loggers, faxServer: configuration.FaxServer, mqtt: configuration.Mqtt, tap: tap, cancellationToken: stop.Token).ConfigureAwait(false);
        }
        catch (GatewayConfigurationException e)
        {
            return GlobalOptions.Fail(parse, $"{configuration.Source}: {e.Key}: {e.Reason}");
        }
        catch (Exception e) when (e is ArgumentException or FaxBox.FaxServer.Routing.InboundRoutingException or FaxBox.FaxServer.Queue.JobStoreException or IOException)
        {
            // The fax server's settings (keys in the message) or its data folder (the file named).
            return GlobalOptions.Fail(parse, $"{configuration.Source}: {e.Message}");
        }

        await using (appliance.ConfigureAwait(false))
        {
            // Status lines are printed when there are some: the change (perhaps on the media thread) queues its line and
            // posts one coalescing signal, never blocking; nothing polls (an idle box does not wake to print nothing).
            var lines = new ConcurrentQueue<string>();
            var printable = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });
            appliance.Status.Changed += (_, change) =>
            {
                Describe(change, lines);
                printable.Writer.TryWrite(true);
            };
            // The clock parks while the box is idle (no call, no port activity) and wakes on the gateway's MediaWake.
            using var clock = new RealTimeMediaClock(wake: appliance.Wake);
            var health = new MediaClockHealth(TimeProvider.System);
            using var ticking = clock.Register(appliance);
            using var healthTicking = clock.Register(health);
            clock.Start();
            foreach (var (account, endPoint) in appliance.Gateway.SipEndPoints)
            {
                stdout.WriteLine($"faxbox: SIP account {account} on udp:{endPoint}");
            }

            if (appliance.Mqtt is { } mqtt)
            {
                stdout.WriteLine($"faxbox: MQTT status as {mqtt.Publisher.Topics.Root}/… to {mqtt.Publisher.Broker}{(mqtt.EmbeddedBroker is null ? "" : " (embedded broker)")}");
            }

            LocalApiServer api;
            try
            {
                api = await LocalApiServer.StartAsync(
                    configuration.Api.SocketPath(configuration.DataFolder),
                    appliance.Status,
                    configuration.Api,
                    loggers,
                    map: appliance.FaxServer is { } server ? app => FaxServerEndpoints.Map(app.MapGroup("/api/v1"), server, Path.Combine(configuration.DataFolder, "tmp", "uploads")) : null,
                    stop.Token,
                    buildOnFirstConnection: true).ConfigureAwait(false);
            }
            catch (IOException e)
            {
                return GlobalOptions.Fail(parse, $"api.socket: {e.Message}");
            }

            await using var apiScope = api.ConfigureAwait(false);
            stdout.WriteLine($"faxbox: local API on unix:{api.SocketPath}");
            if (adminUrls is { Length: > 0 })
            {
                configuration.Admin.Urls = [.. adminUrls.SelectMany(u => u.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))];
            }

            // The file's watcher also applies what the admin site saves; a box on the built-in default watches the file its
            // first save creates (HostAdminConfiguration.DefaultSavePath).
            Directory.CreateDirectory(Path.GetDirectoryName(savePath)!);
            using var watcher = new ConfigurationWatcher(
                savePath,
                configuration,
                (_, next) =>
                {
                    if (!logLevelGiven)
                    {
                        consoleLevel.Level = next.LogLevel;
                    }

                    return appliance.Gateway.Apply(next.Gateway);
                },
                TimeProvider.System,
                loggers.CreateLogger<ConfigurationWatcher>(),
                notifier: notifier);
            AdminSite? admin = null;
            if (configuration.Admin.Enabled)
            {
                try
                {
                    admin = await AdminSite.StartAsync(
                        new AdminContext
                        {
                            Status = appliance.Status,
                            FaxServer = appliance.FaxServer,
                            DataFolder = configuration.DataFolder,
                            Configuration = new HostAdminConfiguration(savePath, watcher),
                            Diagnostics = new HostAdminDiagnostics(engine, configuration.DataFolder, appliance.FaxServer, TimeProvider.System, tap),
                            Logs = logRing,
                        },
                        configuration.Admin,
                        loggers,
                        stop.Token,
                        buildOnFirstConnection: true).ConfigureAwait(false);
                }
                catch (IOException e)
                {
                    return GlobalOptions.Fail(parse, e.Message);
                }

                stdout.WriteLine($"faxbox: admin web site on {string.Join(", ", admin.Addresses)}");
            }

            await using var adminScope = (admin ?? (IAsyncDisposable)NoSite.Instance).ConfigureAwait(false);

            notifier.Ready($"{appliance.Status.Current.Ports.Length} ports");
            notifier.StartWatchdog(health.IsHealthy);
            watcher.Start();
            stdout.WriteLine("faxbox: ready");
            // Once the box is quiet (after start, after each burst of status changes), the JIT's spare memory goes back.
            using var trim = new IdleMemoryTrim(TimeProvider.System, loggers.CreateLogger<IdleMemoryTrim>());
            trim.Arm();
            try
            {
                while (!stop.IsCancellationRequested)
                {
                    await printable.Reader.ReadAsync(stop.Token).ConfigureAwait(false);
                    Flush(lines, stdout);
                    trim.Arm();
                }
            }
            catch (OperationCanceledException)
            {
                // SIGTERM, Ctrl+C or --for.
            }

            notifier.Stopping("hanging up calls");
            stdout.WriteLine("faxbox: stopping");
            await appliance.Gateway.StopAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
            Flush(lines, stdout);
        }

        stdout.WriteLine("faxbox: stopped");
        return 0;
    }

    /// <summary>One line per port state change and fax record (queued here: the change may come on the media thread).</summary>
    internal static void Describe(StatusChange change, ConcurrentQueue<string> lines)
    {
        switch (change.Kind)
        {
            case StatusChangeKind.Port when change.Snapshot.Ports.FirstOrDefault(p => p.Name == change.Key) is { } port:
                lines.Enqueue($"{port.Name}: {port.State.ToString().ToLowerInvariant()}");
                break;
            case StatusChangeKind.Registration when change.Snapshot.Registrations.FirstOrDefault(r => r.Account == change.Key) is { } r:
                lines.Enqueue($"account {r.Account} ({r.AddressOfRecord}): {r.State}{(r.Reason is null ? "" : $" ({r.Reason})")}");
                break;
            case StatusChangeKind.Fax when change.Snapshot.RecentFaxes.FirstOrDefault(f => f.Id == change.Key) is { } fax:
                lines.Enqueue(FaxLine(fax));
                break;
        }
    }

    /// <summary>The one-line summary of a fax record.</summary>
    internal static string FaxLine(FaxRecord fax) =>
        $"fax {fax.Id} on {fax.Port} ({fax.Direction} {fax.RemoteNumber}): {(fax.Success ? "ok" : "FAILED")}, {fax.Pages} page(s), " +
        $"{fax.BitRate} bit/s, ECM {(fax.Ecm ? "on" : "off")}, {(fax.Mode == CallMediaMode.T38 ? "T.38" : "G.711")} ({fax.ModeReason}), " +
        $"{(fax.Ended - fax.Started).TotalSeconds:0} s; {fax.Result}; network: {fax.Network.PacketsSent} sent, {fax.Network.PacketsReceived} received, " +
        $"{fax.Network.PacketsLost} lost, {fax.Network.RecoveredByRedundancy} recovered";

    private static void Flush(ConcurrentQueue<string> lines, TextWriter stdout)
    {
        while (lines.TryDequeue(out var line))
        {
            stdout.WriteLine($"faxbox: {line}");
        }
    }

    /// <summary>Nothing to dispose: the admin site is disabled.</summary>
    private sealed class NoSite : IAsyncDisposable
    {
        public static readonly NoSite Instance = new();

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
