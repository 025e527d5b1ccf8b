namespace FaxBox.Mqtt.Publishing;

/// <summary>
/// How <see cref="MqttStatusPublisher"/> reaches its broker: as an MQTT client over TCP or TLS
/// (<see cref="MqttClientLink"/>), or, for the box's own broker, straight into it in-process
/// (<see cref="Broker.MqttEmbeddedBroker.CreateLink"/>): no socket, no client, no TLS libraries loaded.
/// </summary>
internal interface IMqttLink : IDisposable
{
    /// <summary>Connected now.</summary>
    bool IsConnected { get; }

    /// <summary>
    /// A received message (topic, payload) on a subscribed filter. Raised on the link's own thread: copy and return.
    /// </summary>
    Action<string, byte[]>? Received { get; set; }

    /// <summary>The connection ended (true when it had been established, the reason, the error if any).</summary>
    Action<bool, string, string?>? Lost { get; set; }

    /// <summary>Connects; null when connected, else the broker's refusal. Throws what <see cref="IsFailure"/> names.</summary>
    Task<string?> ConnectAsync(CancellationToken cancellationToken);

    /// <summary>Subscribes (QoS 1) to <paramref name="filters"/>.</summary>
    Task SubscribeAsync(IReadOnlyList<string> filters, CancellationToken cancellationToken);

    /// <summary>Publishes one message (QoS 1); throws when the broker refused or failed it.</summary>
    Task PublishAsync(MqttMessage message, CancellationToken cancellationToken);

    /// <summary>Disconnects: <paramref name="clean"/> is a normal disconnect (the broker does not send the will).</summary>
    Task DisconnectAsync(bool clean, CancellationToken cancellationToken);

    /// <summary>A failure of this link's connect, publish or disconnect that the publisher retries after.</summary>
    bool IsFailure(Exception exception);
}
