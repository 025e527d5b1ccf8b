using FaxBox.Mqtt.Broker;
using FaxBox.Mqtt.Configuration;

namespace FaxBox.Mqtt.Tests.Infrastructure;

/// <summary>
/// The broker a publisher test runs against: Debian's mosquitto (the publisher is its MQTT client) or the box's embedded
/// broker (the publisher injects into it in-process). Both listen on 127.0.0.1 for the test's probes.
/// </summary>
internal sealed class BrokerUnderTest : IAsyncDisposable
{
    public const string Mosquitto = "mosquitto";
    public const string Embedded = "embedded";

    private readonly Infrastructure.Mosquitto? _mosquitto;

    private BrokerUnderTest(int port, string url, Infrastructure.Mosquitto? mosquitto, MqttEmbeddedBroker? embedded)
    {
        Port = port;
        Url = url;
        _mosquitto = mosquitto;
        EmbeddedBroker = embedded;
    }

    public int Port { get; }

    public string Url { get; }

    /// <summary>The embedded broker, when that is the kind.</summary>
    public MqttEmbeddedBroker? EmbeddedBroker { get; }

    public static async Task<BrokerUnderTest> StartAsync(string kind)
    {
        if (kind == Mosquitto)
        {
            var mosquitto = await Infrastructure.Mosquitto.StartAsync();
            return new BrokerUnderTest(mosquitto.Port, mosquitto.Url, mosquitto, null);
        }

        var broker = await MqttEmbeddedBroker.StartAsync(new MqttOptions { EmbeddedPort = FreePort.Tcp() });
        return new BrokerUnderTest(broker.Port, broker.Url, null, broker);
    }

    public async ValueTask DisposeAsync()
    {
        _mosquitto?.Dispose();
        if (EmbeddedBroker is not null)
        {
            await EmbeddedBroker.DisposeAsync();
        }
    }
}
