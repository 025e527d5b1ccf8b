using System.Buffers;
using System.Net.Security;
using System.Reflection;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Threading.Channels;
using FaxBox.Core.Status;
using FaxBox.Mqtt.Commands;
using FaxBox.Mqtt.Configuration;
using FaxBox.Mqtt.HomeAssistant;
using FaxBox.Mqtt.Payloads;
using Microsoft.Extensions.Logging;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;
using MqttCommunicationException = MQTTnet.Exceptions.MqttCommunicationException;

namespace FaxBox.Mqtt.Publishing;

/// <summary>
/// Presents one <see cref="IStatusFeed"/> on an MQTT broker (README, "MQTT"). The feed's handler only copies the change
/// into a queue (it may run on the media thread); one loop of its own turns changes into retained states and events,
/// keeps the connection (reconnecting with exponential back-off from <see cref="MqttOptions.ReconnectMin"/> to
/// <see cref="MqttOptions.ReconnectMax"/>), and publishes: <c>status</c> = <c>online</c> retained on every connect with
/// <c>offline</c> as the last will and on a clean stop; every retained state again after each connect (a restarted
/// broker may have lost them); events (QoS 1) kept until the broker acknowledged them, bounded by
/// <see cref="MqttOptions.EventQueue"/> (oldest dropped and counted).
/// </summary>
public sealed partial class MqttStatusPublisher : IAsyncDisposable
{
    private static readonly TimeSpan OperationTimeout = TimeSpan.FromSeconds(10);
    private static readonly byte[] Online = "online"u8.ToArray();
    private static readonly byte[] Offline = "offline"u8.ToArray();

    private readonly MqttOptions _options;
    private readonly MqttBrokerAddress _broker;
    private readonly IStatusFeed _feed;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly IMqttCommandHandler? _commands;
    private readonly Channel<InboxItem> _inbox = Channel.CreateUnbounded<InboxItem>(new UnboundedChannelOptions { SingleReader = true });
    private readonly MqttOutbox _outbox;
    private readonly HealthSampler _health;
    private readonly Dictionary<string, CallStatus> _calls = new(StringComparer.Ordinal);
    private readonly IMqttClient _client;
    private readonly CancellationTokenSource _stop = new();
    private readonly string _softwareVersion;
    private Task? _loop;
    private string _discoveredShape = "";
    private DateOnly _today;
    private long _faxesToday;
    private long _connects;
    private long _dropped;
    private int _queued;
    private bool _stopped;

    /// <summary>A publisher for <paramref name="feed"/> as device <paramref name="deviceId"/> on <paramref name="broker"/>; <see cref="Start"/> it.</summary>
    public MqttStatusPublisher(MqttOptions options, MqttBrokerAddress broker, string deviceId, IStatusFeed feed, ILogger logger, TimeProvider? time = null, IMqttCommandHandler? commands = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(broker);
        ArgumentNullException.ThrowIfNull(feed);
        ArgumentNullException.ThrowIfNull(logger);
        MqttOptions.CheckTopicLevel(deviceId, "mqtt.deviceId");
        _options = options;
        _broker = broker;
        _feed = feed;
        _logger = logger;
        _time = time ?? TimeProvider.System;
        _commands = commands;
        _outbox = new MqttOutbox(options.EventQueue);
        _health = new HealthSampler(_time);
        Topics = new MqttTopics(options.TopicPrefix, deviceId, options.DiscoveryPrefix);
        _client = new MqttClientFactory().CreateMqttClient();
        _client.DisconnectedAsync += OnDisconnectedAsync;
        _client.ApplicationMessageReceivedAsync += OnMessageReceivedAsync;
        var version = typeof(MqttStatusPublisher).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";
        _softwareVersion = version.Split('+')[0];
    }

    /// <summary>This device's topics.</summary>
    public MqttTopics Topics { get; }

    /// <summary>The broker this publisher talks to.</summary>
    public MqttBrokerAddress Broker => _broker;

    /// <summary>Connected to the broker now.</summary>
    public bool IsConnected => _client.IsConnected;

    /// <summary>Successful connections since start (reconnects count).</summary>
    public long Connects => Interlocked.Read(ref _connects);

    /// <summary>Events dropped because the queue was full while the broker was away.</summary>
    public long EventsDropped => Interlocked.Read(ref _dropped);

    /// <summary>Events waiting for the broker's acknowledgement.</summary>
    public int EventsQueued => Volatile.Read(ref _queued);

    /// <summary>Subscribes to the feed and starts the loop (it connects in the background; an absent broker is retried).</summary>
    public void Start()
    {
        if (_loop is not null)
        {
            throw new InvalidOperationException("already started");
        }

        _feed.Changed += OnStatusChanged;
        _loop = Task.Run(() => GuardedRunAsync(_stop.Token));
    }

    /// <summary>
    /// A clean stop: no more status; what is owed to a connected broker is sent for at most <paramref name="flush"/>;
    /// <c>status</c> becomes <c>offline</c>; then a normal disconnect (so the broker does not send the will).
    /// </summary>
    public async Task StopAsync(TimeSpan flush)
    {
        if (_stopped)
        {
            return;
        }

        _stopped = true;
        _feed.Changed -= OnStatusChanged;
        _inbox.Writer.TryComplete();
        await _stop.CancelAsync().ConfigureAwait(false);
        if (_loop is not null)
        {
            try
            {
                await _loop.ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // The loop's normal end.
            }
        }

        if (_client.IsConnected)
        {
            // Never cancel a publish in flight (MQTTnet drops the connection): the deadline is checked between messages.
            var started = _time.GetTimestamp(); // elapsed time, even where GetUtcNow is simulated (faxbox demo)
            bool Late() => _time.GetElapsedTime(started) >= flush;
            try
            {
                DrainInbox(_time.GetUtcNow());
                while (!Late() && (_outbox.DirtyCount > 0 || _outbox.EventCount > 0))
                {
                    if (!await PublishSomeAsync(Late).ConfigureAwait(false))
                    {
                        break;
                    }
                }

                using var timeout = new CancellationTokenSource(OperationTimeout);
                await PublishAsync(new MqttMessage(Topics.Status, Offline, Retain: true), timeout.Token).ConfigureAwait(false);
                await _client.DisconnectAsync(new MqttClientDisconnectOptionsBuilder().WithReason(MqttClientDisconnectOptionsReason.NormalDisconnection).Build(), timeout.Token).ConfigureAwait(false);
                LogStopped(_logger, _broker.ToString(), _outbox.EventCount);
            }
            catch (Exception e) when (e is MqttCommunicationException or OperationCanceledException or InvalidOperationException or IOException)
            {
                LogStopFailed(_logger, _broker.ToString(), e.Message);
            }
        }
        else
        {
            LogStopFailed(_logger, _broker.ToString(), $"not connected; the broker's last will says offline; {_outbox.EventCount} event(s) unsent");
        }
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        await StopAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
        _client.Dispose();
        _stop.Dispose();
    }

    // The feed's handler: may run on the media thread. Copy and enqueue only.
    private void OnStatusChanged(object? sender, StatusChange change) => _inbox.Writer.TryWrite(new InboxItem(change, _time.GetUtcNow(), null, default));

    private Task OnDisconnectedAsync(MqttClientDisconnectedEventArgs e)
    {
        if (e.ClientWasConnected && !_stopped)
        {
            LogDisconnected(_logger, _broker.ToString(), e.Reason.ToString(), e.Exception?.Message ?? "");
        }

        _inbox.Writer.TryWrite(new InboxItem(null, _time.GetUtcNow(), null, default)); // wake the loop to reconnect
        return Task.CompletedTask;
    }

    private Task OnMessageReceivedAsync(MqttApplicationMessageReceivedEventArgs e)
    {
        var message = e.ApplicationMessage;
        _inbox.Writer.TryWrite(new InboxItem(null, _time.GetUtcNow(), message.Topic, message.Payload.ToArray()));
        return Task.CompletedTask;
    }

    /// <summary>The loop, with a failure logged (status stops; the box goes on faxing) rather than lost in an unobserved task.</summary>
    private async Task GuardedRunAsync(CancellationToken cancellationToken)
    {
        try
        {
            await RunAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping.
        }
#pragma warning disable CA1031 // a bug here must not take the gateway down with it: logged as an error
        catch (Exception e)
#pragma warning restore CA1031
        {
            LogLoopFailed(_logger, e);
        }
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        var snapshot = _feed.Current;
        var now = _time.GetUtcNow();
        _today = LocalDate(now);
        _faxesToday = snapshot.RecentFaxes.Count(f => LocalDate(f.Ended) == _today);
        foreach (var call in snapshot.Calls)
        {
            _calls[call.CallId] = call;
        }

        UpdateStates(snapshot, now);
        var delay = _options.ReconnectMin;
        var nextAttempt = now;
        var nextHealth = now;
        while (!cancellationToken.IsCancellationRequested)
        {
            now = _time.GetUtcNow();
            DrainInbox(now);
            if (now >= nextHealth)
            {
                SampleHealth(now);
                nextHealth = now + _options.HealthInterval;
            }

            if (!_client.IsConnected)
            {
                if (now < nextAttempt)
                {
                    await WaitAsync(Min(nextAttempt, nextHealth) - now, cancellationToken).ConfigureAwait(false);
                    continue;
                }

                if (await TryConnectAsync(cancellationToken).ConfigureAwait(false))
                {
                    delay = _options.ReconnectMin;
                }
                else
                {
                    nextAttempt = _time.GetUtcNow() + delay;
                    delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, _options.ReconnectMax.Ticks));
                    continue;
                }
            }

            if (_outbox.DirtyCount > 0 || _outbox.EventCount > 0)
            {
                if (!await PublishSomeAsync(() => cancellationToken.IsCancellationRequested).ConfigureAwait(false) && _client.IsConnected)
                {
                    await ForceDisconnectAsync().ConfigureAwait(false);
                }

                continue;
            }

            await WaitAsync(nextHealth - _time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (timeout <= TimeSpan.Zero)
        {
            return;
        }

        using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var timer = _time.CreateTimer(static s => ((CancellationTokenSource)s!).Cancel(), wait, timeout, Timeout.InfiniteTimeSpan);
        try
        {
            await _inbox.Reader.WaitToReadAsync(wait.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // Timed out.
        }
        catch (ObjectDisposedException)
        {
            // Stopping.
        }
    }

    private async Task<bool> TryConnectAsync(CancellationToken cancellationToken)
    {
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(OperationTimeout);
            var result = await _client.ConnectAsync(BuildClientOptions(), timeout.Token).ConfigureAwait(false);
            if (result.ResultCode != MqttClientConnectResultCode.Success)
            {
                LogConnectFailed(_logger, _broker.ToString(), result.ResultCode.ToString());
                return false;
            }

            var subscribe = new MqttClientSubscribeOptionsBuilder();
            var any = false;
            if (_options.HomeAssistant)
            {
                subscribe.WithTopicFilter(Topics.HomeAssistantStatus, MqttQualityOfServiceLevel.AtLeastOnce);
                any = true;
            }

            if (_options.Commands)
            {
                subscribe.WithTopicFilter(Topics.CommandFilter, MqttQualityOfServiceLevel.AtLeastOnce);
                any = true;
            }

            await PublishAsync(new MqttMessage(Topics.Status, Online, Retain: true), timeout.Token).ConfigureAwait(false);
            if (any)
            {
                await _client.SubscribeAsync(subscribe.Build(), timeout.Token).ConfigureAwait(false);
            }

            _outbox.MarkAllDirty();
            Interlocked.Increment(ref _connects);
            LogConnected(_logger, _broker.ToString(), _client.Options.ClientId, _outbox.EventCount);
            return true;
        }
        catch (Exception e) when (e is MqttCommunicationException or OperationCanceledException or System.Security.Authentication.AuthenticationException or InvalidOperationException or IOException)
        {
            if (cancellationToken.IsCancellationRequested)
            {
                throw;
            }

            LogConnectFailed(_logger, _broker.ToString(), e.Message);
            await ForceDisconnectAsync().ConfigureAwait(false);
            return false;
        }
    }

    /// <summary>
    /// The MQTT keep-alive (MQTT 3.1.1 §3.1.2.10) the client asks for; set before <see cref="Start"/>. Default 30 s: the
    /// broker closes the session (and publishes our will, "offline") 45 s after the box went silent. Zero turns it off,
    /// as <see cref="MqttStatusService"/> does for the box's own embedded broker, which lives and dies with the client in
    /// one process: MQTTnet's keep-alive loop wakes every 250 ms whatever the period, a quarter of an idle box's wake-ups.
    /// </summary>
    internal TimeSpan KeepAlive { get; set; } = TimeSpan.FromSeconds(30);

    internal MqttClientOptions BuildClientOptions()
    {
        var builder = new MqttClientOptionsBuilder()
            .WithTcpServer(_broker.Host, _broker.Port)
            .WithClientId(Topics.Device)
            .WithProtocolVersion(MqttProtocolVersion.V311)
            .WithCleanSession(true)
            .WithKeepAlivePeriod(KeepAlive)
            .WithTimeout(OperationTimeout)
            .WithWillTopic(Topics.Status)
            .WithWillPayload(Offline)
            .WithWillRetain(true)
            .WithWillQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce);
        if (_options.Username is { } user)
        {
            builder.WithCredentials(user, _options.Password ?? "");
        }

        if (_broker.Tls)
        {
            var pinned = _options.CaFile is { } caFile ? LoadCa(caFile) : null;
            builder.WithTlsOptions(tls =>
            {
                tls.UseTls(true).WithTargetHost(_broker.Host);
                if (pinned is not null)
                {
                    tls.WithCertificateValidationHandler(e => ChainsToPinnedCa(e.Certificate, e.SslPolicyErrors, pinned));
                }
            });
        }

        return builder.Build();
    }

    /// <summary>The CA certificates of a PEM file.</summary>
    internal static X509Certificate2Collection LoadCa(string path)
    {
        var collection = new X509Certificate2Collection();
        try
        {
            collection.ImportFromPemFile(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Security.Cryptography.CryptographicException)
        {
            throw new MqttConfigurationException("mqtt.caFile", $"'{path}' cannot be read as PEM certificates: {e.Message}");
        }

        return collection.Count > 0 ? collection : throw new MqttConfigurationException("mqtt.caFile", $"'{path}' holds no PEM certificate");
    }

    /// <summary>CA pinning: the broker's certificate must chain to one of <paramref name="pinned"/> and name the host.</summary>
    internal static bool ChainsToPinnedCa(X509Certificate? certificate, SslPolicyErrors errors, X509Certificate2Collection pinned)
    {
        if (certificate is null || (errors & (SslPolicyErrors.RemoteCertificateNotAvailable | SslPolicyErrors.RemoteCertificateNameMismatch)) != 0)
        {
            return false;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(pinned);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        using var leaf = X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
        return chain.Build(leaf);
    }

    private async Task ForceDisconnectAsync()
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            await _client.DisconnectAsync(new MqttClientDisconnectOptionsBuilder().Build(), timeout.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is MqttCommunicationException or OperationCanceledException or InvalidOperationException or IOException)
        {
            // Already gone.
        }
    }

    /// <summary>
    /// Publishes up to a batch of what is owed (states first, then events), each bounded by its own timeout and never
    /// cancelled in flight; stops early when <paramref name="stop"/> says so. False when the broker failed us.
    /// </summary>
    private async Task<bool> PublishSomeAsync(Func<bool> stop)
    {
        for (var i = 0; i < 64 && !stop(); i++)
        {
            var state = _outbox.PeekState();
            var message = state ?? _outbox.PeekEvent();
            if (message is null)
            {
                return true;
            }

            try
            {
                using var timeout = new CancellationTokenSource(OperationTimeout);
                await PublishAsync(message, timeout.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is MqttCommunicationException or OperationCanceledException or InvalidOperationException or IOException)
            {
                LogPublishFailed(_logger, message.Topic, e.Message);
                return false;
            }

            if (state is not null)
            {
                _outbox.StatePublished(message);
            }
            else
            {
                _outbox.EventPublished(message);
                Volatile.Write(ref _queued, _outbox.EventCount);
            }
        }

        return true;
    }

    private async Task PublishAsync(MqttMessage message, CancellationToken cancellationToken)
    {
        var result = await _client.PublishAsync(
            new MqttApplicationMessageBuilder()
                .WithTopic(message.Topic)
                .WithPayload(message.Payload)
                .WithRetainFlag(message.Retain)
                .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
                .Build(),
            cancellationToken).ConfigureAwait(false);
        if (!result.IsSuccess)
        {
            throw new MqttCommunicationException($"the broker refused {message.Topic}: {result.ReasonCode} {result.ReasonString}");
        }
    }

    private void DrainInbox(DateTimeOffset now)
    {
        while (_inbox.Reader.TryRead(out var item))
        {
            if (item.Change is { } change)
            {
                Apply(change, item.At);
            }
            else if (item is { IsReply: true, Topic: { } replyTopic })
            {
                AddEvent(replyTopic, item.Payload.ToArray());
            }
            else if (item.Topic is { } topic)
            {
                OnMessage(topic, item.Payload);
            }
        }

        if (LocalDate(now) != _today)
        {
            _today = LocalDate(now);
            _faxesToday = 0;
            UpdateStates(_feed.Current, now);
        }
    }

    private void OnMessage(string topic, ReadOnlyMemory<byte> payload)
    {
        if (topic == Topics.HomeAssistantStatus)
        {
            if (payload.Span.SequenceEqual(Online))
            {
                LogHomeAssistantOnline(_logger);
                _outbox.MarkDirty(t => HomeAssistantDiscovery.IsDiscoveryTopic(Topics, t));
            }

            return;
        }

        if (_options.Commands && topic.StartsWith(Topics.Root + "/command/", StringComparison.Ordinal) && topic != Topics.CommandResult)
        {
            var verb = topic[(Topics.Root.Length + "/command/".Length)..];
            _ = RunCommandAsync(verb, payload);
        }
    }

    private async Task RunCommandAsync(string verb, ReadOnlyMemory<byte> payload)
    {
        byte[] reply;
        try
        {
            var (id, command, result) = await MqttCommandDispatcher.RunAsync(verb, payload, _commands, _stop.Token).ConfigureAwait(false);
            LogCommand(_logger, command, result.Ok, result.Message);
            reply = MqttPayloads.CommandResult(id, command, result.Ok, result.Message);
        }
#pragma warning disable CA1031 // a handler's failure is reported to the commander, never crashes the publisher
        catch (Exception e)
#pragma warning restore CA1031
        {
            LogCommandFailed(_logger, verb, e);
            reply = MqttPayloads.CommandResult(null, verb, false, $"failed: {e.Message}");
        }

        // Back through the loop, which owns the outbox.
        _inbox.Writer.TryWrite(new InboxItem(null, _time.GetUtcNow(), Topics.CommandResult, reply, IsReply: true));
    }

    private void Apply(StatusChange change, DateTimeOffset at)
    {
        var snapshot = change.Snapshot;
        switch (change.Kind)
        {
            case StatusChangeKind.Call:
                var current = snapshot.Calls.ToDictionary(c => c.CallId, StringComparer.Ordinal);
                foreach (var call in snapshot.Calls.Where(c => !_calls.ContainsKey(c.CallId)))
                {
                    AddEvent(Topics.CallStart, MqttPayloads.Call(call, null));
                }

                foreach (var ended in _calls.Values.Where(c => !current.ContainsKey(c.CallId)).ToList())
                {
                    AddEvent(Topics.CallEnd, MqttPayloads.Call(ended, at));
                }

                _calls.Clear();
                foreach (var (id, call) in current)
                {
                    _calls[id] = call;
                }

                break;
            case StatusChangeKind.Fax when snapshot.RecentFaxes.FirstOrDefault(f => f.Id == change.Key) is { } fax:
                var record = MqttPayloads.FaxRecord(fax);
                AddEvent(Topics.FaxCompleted, record);
                _outbox.SetState(Topics.LastFax, record);
                if (LocalDate(fax.Ended) == _today)
                {
                    _faxesToday++;
                }

                break;
            case StatusChangeKind.FaxProgress when change.Progress is { } progress:
                AddEvent(Topics.FaxProgress, MqttPayloads.FaxProgress(progress));
                return; // the snapshot did not change
        }

        UpdateStates(snapshot, at);
    }

    private void AddEvent(string topic, byte[] payload)
    {
        var before = _outbox.Dropped;
        _outbox.AddEvent(new MqttMessage(topic, payload, Retain: false));
        if (_outbox.Dropped != before)
        {
            Interlocked.Add(ref _dropped, _outbox.Dropped - before);
            if (before == 0 || _outbox.Dropped % 100 == 0)
            {
                LogEventsDropped(_logger, _outbox.Dropped, _options.EventQueue);
            }
        }

        Volatile.Write(ref _queued, _outbox.EventCount);
    }

    /// <summary>Derives every retained state from <paramref name="snapshot"/>; only changed payloads become pending.</summary>
    private void UpdateStates(StatusSnapshot snapshot, DateTimeOffset now)
    {
        var ports = new HashSet<string>(StringComparer.Ordinal);
        foreach (var port in snapshot.Ports)
        {
            var topic = Topics.Port(MqttTopics.Level(port.Name));
            ports.Add(topic);
            _outbox.SetState(topic, MqttPayloads.Port(port));
        }

        _outbox.RemoveStatesExcept(t => t.StartsWith(Topics.Root + "/port/", StringComparison.Ordinal), ports);
        var accounts = new HashSet<string>(StringComparer.Ordinal);
        foreach (var account in snapshot.Registrations)
        {
            var topic = Topics.Account(MqttTopics.Level(account.Account));
            accounts.Add(topic);
            _outbox.SetState(topic, MqttPayloads.Account(account));
        }

        _outbox.RemoveStatesExcept(t => t.StartsWith(Topics.Root + "/account/", StringComparison.Ordinal), accounts);
        _outbox.SetState(Topics.Queue, MqttPayloads.Queue(snapshot.Queue, now));
        _outbox.SetState(Topics.Box, MqttPayloads.Box(snapshot, Topics.Device, _faxesToday));
        if (_outbox.GetState(Topics.LastFax) is null && snapshot.RecentFaxes.FirstOrDefault() is { } last)
        {
            _outbox.SetState(Topics.LastFax, MqttPayloads.FaxRecord(last));
        }

        if (_options.HomeAssistant)
        {
            var shape = string.Join('\n', snapshot.Ports.Select(p => $"p{p.Name}:{p.Kind}").Concat(snapshot.Registrations.Select(r => "a" + r.Account)).Append(snapshot.BoxName));
            if (shape != _discoveredShape)
            {
                _discoveredShape = shape;
                var configs = HomeAssistantDiscovery.Build(Topics, snapshot, _softwareVersion);
                foreach (var config in configs)
                {
                    _outbox.SetState(config.Topic, config.Payload);
                }

                _outbox.RemoveStatesExcept(t => HomeAssistantDiscovery.IsDiscoveryTopic(Topics, t), configs.Select(c => c.Topic).ToHashSet(StringComparer.Ordinal));
            }
        }
    }

    private void SampleHealth(DateTimeOffset now)
    {
        var snapshot = _feed.Current;
        _outbox.SetState(Topics.Health, MqttPayloads.Health(_health.Sample(snapshot.Started, _outbox.EventCount, _outbox.Dropped, Connects)));
        _outbox.SetState(Topics.Queue, MqttPayloads.Queue(snapshot.Queue, now)); // the oldest job ages
    }

    private DateOnly LocalDate(DateTimeOffset at) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(at, _time.LocalTimeZone).DateTime);

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    /// <summary>A status change (with when it was seen), a received message, a command's reply to send, or a bare wake-up.</summary>
    private readonly record struct InboxItem(StatusChange? Change, DateTimeOffset At, string? Topic, ReadOnlyMemory<byte> Payload, bool IsReply = false);
}
