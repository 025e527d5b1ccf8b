using System.Buffers;
using System.Text.Json;
using FaxBox.Core.Status;
using FaxBox.Mqtt.Publishing;

namespace FaxBox.Mqtt.HomeAssistant;

/// <summary>
/// Home Assistant MQTT discovery (retained configs under <c>homeassistant/&lt;component&gt;/&lt;device&gt;/&lt;object&gt;/config</c>):
/// one device with entities for availability, each port's state, each account's registration, the last fax's result,
/// faxes today, queue depth, CPU and temperature. Every entity but availability itself follows
/// <c>faxbox/&lt;device&gt;/status</c> for availability. Schema <c>ha-discovery.json</c>.
/// </summary>
public static class HomeAssistantDiscovery
{
    /// <summary>The configs for the ports and accounts in <paramref name="snapshot"/>.</summary>
    public static IReadOnlyList<MqttMessage> Build(MqttTopics topics, StatusSnapshot snapshot, string softwareVersion)
    {
        ArgumentNullException.ThrowIfNull(topics);
        ArgumentNullException.ThrowIfNull(snapshot);
        var messages = new List<MqttMessage>
        {
            Entity(topics, snapshot, softwareVersion, "binary_sensor", "online", "Online", topics.Status, null, w =>
            {
                w.WriteString("payload_on", "online");
                w.WriteString("payload_off", "offline");
                w.WriteString("device_class", "connectivity");
                w.WriteString("entity_category", "diagnostic");
            }, withAvailability: false),
            Entity(topics, snapshot, softwareVersion, "sensor", "last_fax", "Last fax", topics.LastFax, "{{ 'ok' if value_json.success else 'failed' }}", w =>
            {
                w.WriteString("json_attributes_topic", topics.LastFax);
                w.WriteString("icon", "mdi:fax");
            }),
            Entity(topics, snapshot, softwareVersion, "sensor", "faxes_today", "Faxes today", topics.Box, "{{ value_json.faxesToday }}", w =>
            {
                w.WriteString("state_class", "total_increasing");
                w.WriteString("icon", "mdi:counter");
            }),
            Entity(topics, snapshot, softwareVersion, "sensor", "queue_depth", "Queue depth", topics.Queue, "{{ value_json.depth }}", w =>
            {
                w.WriteString("state_class", "measurement");
                w.WriteString("json_attributes_topic", topics.Queue);
                w.WriteString("icon", "mdi:tray-full");
            }),
            Entity(topics, snapshot, softwareVersion, "sensor", "cpu", "CPU", topics.Health, "{{ value_json.cpuPercent }}", w =>
            {
                w.WriteString("unit_of_measurement", "%");
                w.WriteString("state_class", "measurement");
                w.WriteString("entity_category", "diagnostic");
            }),
            Entity(topics, snapshot, softwareVersion, "sensor", "temperature", "Temperature", topics.Health, "{{ value_json.temperatureCelsius }}", w =>
            {
                w.WriteString("unit_of_measurement", "°C");
                w.WriteString("device_class", "temperature");
                w.WriteString("state_class", "measurement");
                w.WriteString("entity_category", "diagnostic");
            }),
        };
        foreach (var port in snapshot.Ports)
        {
            var level = MqttTopics.Level(port.Name);
            messages.Add(Entity(topics, snapshot, softwareVersion, "sensor", $"port_{ObjectId(port.Name)}", $"Port {port.Name}", topics.Port(level), "{{ value_json.state }}", w =>
            {
                w.WriteString("json_attributes_topic", topics.Port(level));
                w.WriteString("icon", port.Kind == PortKind.Fxs ? "mdi:fax" : "mdi:phone-classic");
            }));
        }

        foreach (var account in snapshot.Registrations)
        {
            var level = MqttTopics.Level(account.Account);
            messages.Add(Entity(topics, snapshot, softwareVersion, "sensor", $"account_{ObjectId(account.Account)}", $"SIP {account.Account}", topics.Account(level), "{{ value_json.state }}", w =>
            {
                w.WriteString("json_attributes_topic", topics.Account(level));
                w.WriteString("icon", "mdi:phone-voip");
            }));
        }

        return messages;
    }

    /// <summary>True for a discovery topic of this device (any component).</summary>
    public static bool IsDiscoveryTopic(MqttTopics topics, string topic)
    {
        ArgumentNullException.ThrowIfNull(topics);
        ArgumentNullException.ThrowIfNull(topic);
        return topic.StartsWith(topics.DiscoveryPrefix + "/", StringComparison.Ordinal) && topic.Contains($"/{topics.Device}/", StringComparison.Ordinal) && topic.EndsWith("/config", StringComparison.Ordinal);
    }

    /// <summary>An object id: lower-case letters, digits and underscores.</summary>
    internal static string ObjectId(string name)
    {
        var chars = name.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '_').ToArray();
        return new string(chars);
    }

    private static MqttMessage Entity(MqttTopics topics, StatusSnapshot snapshot, string softwareVersion, string component, string objectId, string name, string stateTopic, string? valueTemplate, Action<Utf8JsonWriter> extra, bool withAvailability = true)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("name", name);
            w.WriteString("unique_id", $"{topics.Device}_{objectId}");
            w.WriteString("object_id", $"{topics.Device}_{objectId}");
            w.WriteString("state_topic", stateTopic);
            if (valueTemplate is not null)
            {
                w.WriteString("value_template", valueTemplate);
            }

            if (withAvailability)
            {
                w.WriteString("availability_topic", topics.Status);
                w.WriteString("payload_available", "online");
                w.WriteString("payload_not_available", "offline");
            }

            extra(w);
            w.WriteStartObject("device");
            w.WriteStartArray("identifiers");
            w.WriteStringValue(topics.Device);
            w.WriteEndArray();
            w.WriteString("name", snapshot.BoxName);
            w.WriteString("manufacturer", "FaxBox");
            w.WriteString("model", "FaxBox fax appliance");
            w.WriteString("sw_version", softwareVersion);
            w.WriteEndObject();
            w.WriteEndObject();
        }

        return new MqttMessage(topics.Discovery(component, objectId), buffer.WrittenSpan.ToArray(), Retain: true);
    }
}
