using System.Net;

namespace FaxBox.Mqtt.Configuration;

/// <summary>
/// The status publisher (faxbox.json section <c>mqtt</c>). With no <see cref="Url"/> the box runs its own broker on
/// <see cref="EmbeddedAddress"/>:<see cref="EmbeddedPort"/> and publishes to it.
/// </summary>
public sealed class MqttOptions
{
    /// <summary>Publish status at all. Default true.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// The broker: <c>mqtt://host[:port]</c> (TCP, default port 1883) or <c>mqtts://host[:port]</c> (TLS, default 8883).
    /// Default null: the embedded broker.
    /// </summary>
    public string? Url { get; set; }

    /// <summary>The user name for the broker (and for clients of the embedded broker). Default none.</summary>
    public string? Username { get; set; }

    /// <summary>The password that goes with <see cref="Username"/>; never logged or published. Default none.</summary>
    public string? Password { get; set; }

    /// <summary>
    /// For <c>mqtts://</c>: a PEM file of the CA certificate(s) the broker's certificate must chain to (pinning: the
    /// system's trust store is then not used). Default null: the system trust store.
    /// </summary>
    public string? CaFile { get; set; }

    /// <summary>The first topic level. Default "faxbox": topics are <c>faxbox/&lt;device&gt;/…</c>.</summary>
    public string TopicPrefix { get; set; } = "faxbox";

    /// <summary>
    /// The device id in topics and the MQTT client id. Default null: the box's name and a stable random id kept in the
    /// data folder (<c>mqtt-device-id</c>), e.g. <c>faxbox-3f9a1c20</c>.
    /// </summary>
    public string? DeviceId { get; set; }

    /// <summary>Publish Home Assistant discovery under <see cref="DiscoveryPrefix"/>. Default true.</summary>
    public bool HomeAssistant { get; set; } = true;

    /// <summary>Home Assistant's discovery prefix. Default "homeassistant".</summary>
    public string DiscoveryPrefix { get; set; } = "homeassistant";

    /// <summary>Accept commands on <c>faxbox/&lt;device&gt;/command/…</c> (secure them with the broker's ACLs). Default false.</summary>
    public bool Commands { get; set; }

    /// <summary>How often health (uptime, CPU, memory, temperature) is published. Default 60 s.</summary>
    public TimeSpan HealthInterval { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>The first reconnect delay; it doubles after each failed attempt up to <see cref="ReconnectMax"/>. Default 1 s.</summary>
    public TimeSpan ReconnectMin { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The reconnect delay's cap. Default 30 s.</summary>
    public TimeSpan ReconnectMax { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Events (QoS 1) kept while the broker is away; beyond it the oldest are dropped and counted. Default 1000.</summary>
    public int EventQueue { get; set; } = 1000;

    /// <summary>The embedded broker's address. Default 127.0.0.1; any other needs <see cref="Username"/> and <see cref="Password"/>.</summary>
    public IPAddress EmbeddedAddress { get; set; } = IPAddress.Loopback;

    /// <summary>The embedded broker's TCP port. Default 1883.</summary>
    public int EmbeddedPort { get; set; } = 1883;

    /// <summary>The embedded broker is used: enabled and no <see cref="Url"/>.</summary>
    public bool UsesEmbeddedBroker => Enabled && Url is null;

    /// <summary>Checks ranges and combinations; throws <see cref="MqttConfigurationException"/> naming the key (<c>mqtt.…</c>).</summary>
    public void Validate()
    {
        if (Url is not null)
        {
            _ = MqttBrokerAddress.Parse(Url, "mqtt.url");
        }

        if (Username is not null && string.IsNullOrEmpty(Username))
        {
            throw new MqttConfigurationException("mqtt.username", "must not be empty (leave it out for no credentials)");
        }

        if (Password is not null && Username is null)
        {
            throw new MqttConfigurationException("mqtt.password", "set without mqtt.username");
        }

        if (CaFile is not null)
        {
            if (Url is null || !MqttBrokerAddress.Parse(Url, "mqtt.url").Tls)
            {
                throw new MqttConfigurationException("mqtt.caFile", "applies only to an mqtts:// url");
            }

            if (!File.Exists(CaFile))
            {
                throw new MqttConfigurationException("mqtt.caFile", $"'{CaFile}' not found");
            }
        }

        CheckTopicLevel(TopicPrefix, "mqtt.topicPrefix");
        CheckTopicLevel(DiscoveryPrefix, "mqtt.discoveryPrefix");
        if (DeviceId is not null)
        {
            CheckTopicLevel(DeviceId, "mqtt.deviceId");
        }

        if (HealthInterval < TimeSpan.FromSeconds(1))
        {
            throw new MqttConfigurationException("mqtt.healthInterval", "must be at least 1s");
        }

        if (ReconnectMin < TimeSpan.FromMilliseconds(100) || ReconnectMax < ReconnectMin || ReconnectMax > TimeSpan.FromHours(1))
        {
            throw new MqttConfigurationException("mqtt.reconnectMax", $"needs 100ms <= reconnectMin ({ReconnectMin}) <= reconnectMax ({ReconnectMax}) <= 1h");
        }

        if (EventQueue is < 10 or > 100_000)
        {
            throw new MqttConfigurationException("mqtt.eventQueue", $"{EventQueue} is not 10 to 100000");
        }

        if (EmbeddedPort is < 1 or > 65535)
        {
            throw new MqttConfigurationException("mqtt.embeddedPort", $"{EmbeddedPort} is not 1 to 65535");
        }

        if (UsesEmbeddedBroker && !IPAddress.IsLoopback(EmbeddedAddress) && (Username is null || string.IsNullOrEmpty(Password)))
        {
            throw new MqttConfigurationException("mqtt.embeddedAddress", $"{EmbeddedAddress} is beyond loopback: the embedded broker is exposed only with mqtt.username and mqtt.password set");
        }
    }

    /// <summary>A topic level: not empty, no '/', '+', '#' or NUL.</summary>
    internal static void CheckTopicLevel(string value, string key)
    {
        if (string.IsNullOrEmpty(value) || value.IndexOfAny(['/', '+', '#', '\0']) >= 0 || value.Length > 64)
        {
            throw new MqttConfigurationException(key, $"'{value}' is not one MQTT topic level (1-64 characters, no '/', '+' or '#')");
        }
    }
}
