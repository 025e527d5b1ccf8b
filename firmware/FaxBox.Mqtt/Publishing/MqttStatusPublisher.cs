using System.Reflection;
using System.Text;
using System.Threading.Channels;
using FaxBox.Core.Status;
using FaxBox.Mqtt.Commands;
using FaxBox.Mqtt.Configuration;
using FaxBox.Mqtt.HomeAssistant;
using FaxBox.Mqtt.Payloads;
using Microsoft.Extensions.Logging;

namespace FaxBox.Mqtt.Publishing;

/// <summary>
/// Presents one <see cref="IStatusFeed"/> on an MQTT broker (README, "MQTT"). The feed's handler only copies the change
/// into a queue (it may run on the media thread); one loop of its own turns changes into retained states and events,
/// keeps the connection (reconnecting with exponential back-off from <see cref="MqttOptions.ReconnectMin"/> to
/// <see cref="MqttOptions.ReconnectMax"/>), and publishes: <c>status</c> = <c>online</c> retained on every connect with
/// <c>offline</c> as the last will and on a clean stop; every retained state again after each connect (a restarted
/// broker may have lost them); events (QoS 1) kept until the broker acknowledged them, bounded by
/// <see cref="MqttOptions.EventQueue"/> (oldest dropped and counted). It reaches a configured broker as an MQTT client
/// (<see cref="MqttClientLink"/>) and the box's own broker in-process (<see cref="Broker.MqttEmbeddedBroker.CreateLink"/>).
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
    private readonly IMqttLink _link;
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
        : this(options, broker, deviceId, feed, logger, time, commands, link: null)
    {
    }

    /// <summary>A publisher over <paramref name="link"/> (null: an MQTT client of <paramref name="broker"/>).</summary>
    internal MqttStatusPublisher(MqttOptions options, MqttBrokerAddress broker, string deviceId, IStatusFeed feed, ILogger logger, TimeProvider? time, IMqttCommandHandler? commands, IMqttLink? link)
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
        _link = link ?? new MqttClientLink(options, broker, Topics, Offline);
        _link.Lost = OnLost;
        _link.Received = OnReceived;
        var version = typeof(MqttStatusPublisher).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";
        _softwareVersion = version.Split('+')[0];
    }

    /// <summary>This device's topics.</summary>
    public MqttTopics Topics { get; }

    /// <summary>The broker this publisher talks to.</summary>
    public MqttBrokerAddress Broker => _broker;

    /// <summary>Connected to the broker now.</summary>
    public bool IsConnected => _link.IsConnected;

    /// <summary>How it reaches the broker.</summary>
    internal IMqttLink Link => _link;

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

        if (_link.IsConnected)
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
                await _link.DisconnectAsync(clean: true, timeout.Token).ConfigureAwait(false);
                LogStopped(_logger, _broker.ToString(), _outbox.EventCount);
            }
            catch (Exception e) when (_link.IsFailure(e))
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
        _link.Dispose();
        _stop.Dispose();
    }

    // The feed's handler: may run on the media thread. Copy and enqueue only.
    private void OnStatusChanged(object? sender, StatusChange change) => _inbox.Writer.TryWrite(new InboxItem(change, _time.GetUtcNow(), null, default));

    private void OnLost(bool wasConnected, string reason, string? error)
    {
        if (wasConnected && !_stopped)
        {
            LogDisconnected(_logger, _broker.ToString(), reason, error ?? "");
        }

        _inbox.Writer.TryWrite(new InboxItem(null, _time.GetUtcNow(), null, default)); // wake the loop to reconnect
    }

    private void OnReceived(string topic, byte[] payload) => _inbox.Writer.TryWrite(new InboxItem(null, _time.GetUtcNow(), topic, payload));

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

            if (!_link.IsConnected)
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
                if (!await PublishSomeAsync(() => cancellationToken.IsCancellationRequested).ConfigureAwait(false) && _link.IsConnected)
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
            if (await _link.ConnectAsync(timeout.Token).ConfigureAwait(false) is { } refused)
            {
                LogConnectFailed(_logger, _broker.ToString(), refused);
                return false;
            }

            var filters = new List<string>(2);
            if (_options.HomeAssistant)
            {
                filters.Add(Topics.HomeAssistantStatus);
            }

            if (_options.Commands)
            {
                filters.Add(Topics.CommandFilter);
            }

            await PublishAsync(new MqttMessage(Topics.Status, Online, Retain: true), timeout.Token).ConfigureAwait(false);
            if (filters.Count > 0)
            {
                await _link.SubscribeAsync(filters, timeout.Token).ConfigureAwait(false);
            }

            _outbox.MarkAllDirty();
            Interlocked.Increment(ref _connects);
            LogConnected(_logger, _broker.ToString(), Topics.Device, _outbox.EventCount);
            return true;
        }
        catch (Exception e) when (_link.IsFailure(e))
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

    private async Task ForceDisconnectAsync()
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            await _link.DisconnectAsync(clean: false, timeout.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (_link.IsFailure(e))
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
            catch (Exception e) when (_link.IsFailure(e))
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

    private Task PublishAsync(MqttMessage message, CancellationToken cancellationToken) => _link.PublishAsync(message, cancellationToken);

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
