using FaxBox.Core.Status;
using FaxBox.Mqtt.Broker;
using FaxBox.Mqtt.Commands;
using FaxBox.Mqtt.Configuration;
using FaxBox.Mqtt.Publishing;
using Microsoft.Extensions.Logging;

namespace FaxBox.Mqtt;

/// <summary>
/// The box's MQTT presence as the Host starts it: the embedded broker when no <see cref="MqttOptions.Url"/> is set (the
/// publisher then publishes straight into it, with no client connection), and the status publisher for one
/// <see cref="IStatusFeed"/>. Disposing publishes <c>offline</c> and stops both.
/// </summary>
public sealed class MqttStatusService : IAsyncDisposable
{
    private MqttStatusService(MqttStatusPublisher publisher, MqttEmbeddedBroker? broker)
    {
        Publisher = publisher;
        EmbeddedBroker = broker;
    }

    /// <summary>The publisher.</summary>
    public MqttStatusPublisher Publisher { get; }

    /// <summary>The embedded broker, when the box runs one.</summary>
    public MqttEmbeddedBroker? EmbeddedBroker { get; }

    /// <summary>
    /// Validates <paramref name="options"/>, starts the embedded broker if needed, and starts publishing
    /// <paramref name="feed"/> for the box named <paramref name="boxName"/> (device id from <paramref name="dataFolder"/>).
    /// Returns null when <see cref="MqttOptions.Enabled"/> is false. Throws <see cref="MqttConfigurationException"/>.
    /// </summary>
    public static async Task<MqttStatusService?> StartAsync(MqttOptions options, IStatusFeed feed, string boxName, string dataFolder, ILoggerFactory loggers, TimeProvider? time = null, IMqttCommandHandler? commands = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(loggers);
        if (!options.Enabled)
        {
            return null;
        }

        options.Validate();
        var device = MqttDeviceIdentity.Resolve(options, boxName, dataFolder);
        MqttEmbeddedBroker? broker = null;
        IMqttLink? link = null;
        var url = options.Url;
        if (url is null)
        {
            broker = await MqttEmbeddedBroker.StartAsync(options).ConfigureAwait(false);
            url = broker.Url;
            link = broker.CreateLink(device);
        }

        var publisher = new MqttStatusPublisher(options, MqttBrokerAddress.Parse(url, "mqtt.url"), device, feed, loggers.CreateLogger<MqttStatusPublisher>(), time, commands, link);
        publisher.Start();
        return new MqttStatusService(publisher, broker);
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        await Publisher.DisposeAsync().ConfigureAwait(false);
        if (EmbeddedBroker is not null)
        {
            await EmbeddedBroker.DisposeAsync().ConfigureAwait(false);
        }
    }
}
