using System.Buffers;
using System.Text;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace FaxBox.Mqtt.Tests.Infrastructure;

/// <summary>A subscriber that records every message it gets, with waits bounded in time.</summary>
internal sealed class MqttProbe : IAsyncDisposable
{
    private readonly IMqttClient _client = new MqttClientFactory().CreateMqttClient();
    private readonly List<Received> _messages = [];
    private readonly Lock _gate = new();
    private readonly SemaphoreSlim _arrived = new(0);
    private MqttClientOptions? _options;
    private string[] _filters = [];

    public MqttProbe()
    {
        _client.ApplicationMessageReceivedAsync += e =>
        {
            lock (_gate)
            {
                _messages.Add(new Received(e.ApplicationMessage.Topic, e.ApplicationMessage.Payload.ToArray(), e.ApplicationMessage.Retain));
            }

            _arrived.Release();
            return Task.CompletedTask;
        };
    }

    public IReadOnlyList<Received> Messages
    {
        get
        {
            lock (_gate)
            {
                return [.. _messages];
            }
        }
    }

    public bool IsConnected => _client.IsConnected;

    /// <summary>The probe's MQTT client id.</summary>
    public string ClientId => _options?.ClientId ?? "";

    public static async Task<MqttProbe> ConnectAsync(string host, int port, string[] filters, string? clientId = null, bool cleanSession = true, (string User, string Password)? credentials = null)
    {
        var probe = new MqttProbe();
        var builder = new MqttClientOptionsBuilder().WithTcpServer(host, port).WithProtocolVersion(MqttProtocolVersion.V311)
            .WithClientId(clientId ?? $"probe-{Guid.NewGuid():N}").WithCleanSession(cleanSession).WithTimeout(TimeSpan.FromSeconds(5));
        if (credentials is { } c)
        {
            builder.WithCredentials(c.User, c.Password);
        }

        probe._options = builder.Build();
        probe._filters = filters;
        await probe.ReconnectAsync().ConfigureAwait(false);
        return probe;
    }

    /// <summary>Connects (again) and subscribes at QoS 1.</summary>
    public async Task ReconnectAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await _client.ConnectAsync(_options!, timeout.Token).ConfigureAwait(false);
        var subscribe = new MqttClientSubscribeOptionsBuilder();
        foreach (var filter in _filters)
        {
            subscribe.WithTopicFilter(filter, MqttQualityOfServiceLevel.AtLeastOnce);
        }

        await _client.SubscribeAsync(subscribe.Build(), timeout.Token).ConfigureAwait(false);
    }

    public async Task PublishAsync(string topic, string payload, bool retain = false)
    {
        await _client.PublishAsync(new MqttApplicationMessageBuilder().WithTopic(topic).WithPayload(payload).WithRetainFlag(retain)
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build()).ConfigureAwait(false);
    }

    /// <summary>Waits until <paramref name="condition"/> holds for the messages so far; fails the test with <paramref name="what"/> when it times out.</summary>
    public async Task<IReadOnlyList<Received>> WaitForAsync(Func<IReadOnlyList<Received>, bool> condition, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var messages = Messages;
            if (condition(messages))
            {
                return messages;
            }

            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero)
            {
                Assert.Fail($"timed out after {timeout} waiting for {what}; got {messages.Count} message(s):\n{string.Join('\n', messages.TakeLast(40))}");
            }

            await _arrived.WaitAsync(left < TimeSpan.FromMilliseconds(200) ? left : TimeSpan.FromMilliseconds(200)).ConfigureAwait(false);
        }
    }

    public async Task DisconnectAsync()
    {
        if (_client.IsConnected)
        {
            await _client.DisconnectAsync().ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await DisconnectAsync().ConfigureAwait(false);
        }
        catch (MQTTnet.Exceptions.MqttCommunicationException)
        {
            // The broker is gone already.
        }

        _client.Dispose();
        _arrived.Dispose();
    }

    internal sealed record Received(string Topic, byte[] Payload, bool Retain)
    {
        public string Text => Encoding.UTF8.GetString(Payload);

        public override string ToString() => $"{Topic}{(Retain ? " (retained)" : "")}: {(Text.Length > 160 ? Text[..160] + "…" : Text)}";
    }
}
