using System.Buffers;
using FaxBox.Mqtt.Publishing;
using MQTTnet;
using MQTTnet.Server;

namespace FaxBox.Mqtt.Broker;

/// <summary>
/// The publisher's way into the box's own broker: messages are injected into MQTTnet's server as if published by a client
/// named after the device, and publishes by clients on the subscribed filters are taken from the server's publish hook.
/// Nothing goes through a socket, so the box loads no MQTT client, TLS or cryptography code for its own status (about
/// 4 MiB resident; README, "The idle box") and nothing wakes the idle box to keep a loopback connection alive. There is no
/// last will: the broker lives and dies with the publisher, in one process.
/// </summary>
internal sealed class EmbeddedBrokerLink : IMqttLink
{
    private readonly MqttServer _server;
    private readonly string _clientId;
    private volatile string[] _filters = [];
    private volatile bool _connected;

    public EmbeddedBrokerLink(MqttServer server, string clientId)
    {
        _server = server;
        _clientId = clientId;
        _server.InterceptingPublishAsync += OnPublishAsync;
    }

    public bool IsConnected => _connected && _server.IsStarted;

    public Action<string, byte[]>? Received { get; set; }

    public Action<bool, string, string?>? Lost { get; set; }

    public Task<string?> ConnectAsync(CancellationToken cancellationToken)
    {
        _connected = _server.IsStarted;
        return Task.FromResult(_connected ? null : "the embedded broker is stopped");
    }

    public Task SubscribeAsync(IReadOnlyList<string> filters, CancellationToken cancellationToken)
    {
        _filters = [.. filters];
        return Task.CompletedTask;
    }

    public Task PublishAsync(MqttMessage message, CancellationToken cancellationToken) =>
        _server.InjectApplicationMessage(new InjectedMqttApplicationMessage(MqttClientLink.ToApplicationMessage(message)) { SenderClientId = _clientId }, cancellationToken);

    public Task DisconnectAsync(bool clean, CancellationToken cancellationToken)
    {
        _connected = false;
        return Task.CompletedTask;
    }

    public bool IsFailure(Exception exception) => exception is OperationCanceledException or InvalidOperationException or IOException;

    public void Dispose()
    {
        _connected = false;
        _server.InterceptingPublishAsync -= OnPublishAsync;
    }

    /// <summary>Every publish the broker takes, ours included: a client's on a subscribed filter is received.</summary>
    private Task OnPublishAsync(InterceptingPublishEventArgs e)
    {
        var topic = e.ApplicationMessage.Topic;
        if (_connected && Received is { } received && !string.Equals(e.ClientId, _clientId, StringComparison.Ordinal))
        {
            foreach (var filter in _filters)
            {
                if (MqttTopicFilterComparer.Compare(topic, filter) == MqttTopicFilterCompareResult.IsMatch)
                {
                    received(topic, e.ApplicationMessage.Payload.ToArray());
                    break;
                }
            }
        }

        return Task.CompletedTask;
    }
}
