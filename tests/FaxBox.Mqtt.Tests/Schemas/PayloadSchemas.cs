using System.Text.Json;
using FaxBox.Mqtt.Publishing;

namespace FaxBox.Mqtt.Tests.Schemas;

/// <summary>The committed schemas (embedded in FaxBox.Mqtt) and which topic each describes.</summary>
internal static class PayloadSchemas
{
    public static readonly IReadOnlyList<string> Names = ["account", "box", "call", "command-result", "fax-progress", "fax-record", "ha-discovery", "health", "port", "queue"];

    public static JsonElement Load(string name)
    {
        using var stream = typeof(MqttStatusPublisher).Assembly.GetManifestResourceStream($"FaxBox.Mqtt.Schemas.{name}.json")
            ?? throw new InvalidOperationException($"schema {name}.json is not embedded in FaxBox.Mqtt");
        using var document = JsonDocument.Parse(stream);
        return document.RootElement.Clone();
    }

    /// <summary>The schema for a topic of <paramref name="topics"/>' device; "text" for status; null for a topic not ours.</summary>
    public static string? For(MqttTopics topics, string topic)
    {
        if (topic.StartsWith(topics.DiscoveryPrefix + "/", StringComparison.Ordinal))
        {
            return "ha-discovery";
        }

        if (!topic.StartsWith(topics.Root + "/", StringComparison.Ordinal))
        {
            return null;
        }

        var rest = topic[(topics.Root.Length + 1)..];
        return rest switch
        {
            "status" => "text",
            "box" => "box",
            "queue" => "queue",
            "health" => "health",
            "fax/last" or "fax/completed" => "fax-record",
            "fax/progress" => "fax-progress",
            "call/start" or "call/end" => "call",
            "command/result" => "command-result",
            _ when rest.StartsWith("port/", StringComparison.Ordinal) => "port",
            _ when rest.StartsWith("account/", StringComparison.Ordinal) => "account",
            _ when rest.StartsWith("command/", StringComparison.Ordinal) => "command-in",
            _ => throw new InvalidOperationException($"topic {topic} has no schema"),
        };
    }

    /// <summary>Validates a payload against its topic's schema; returns the errors (empty when valid).</summary>
    public static List<string> Check(MqttTopics topics, string topic, byte[] payload)
    {
        var name = For(topics, topic);
        if (name is null or "command-in")
        {
            return [];
        }

        if (name == "text")
        {
            var text = System.Text.Encoding.UTF8.GetString(payload);
            return text is "online" or "offline" ? [] : [$"{topic}: '{text}' is not online/offline"];
        }

        if (payload.Length == 0)
        {
            return []; // a retained message deleted
        }

        using var document = JsonDocument.Parse(payload);
        return JsonSchemaValidator.Validate(Load(name), document.RootElement).Select(e => $"{topic} ({name}.json): {e}").ToList();
    }
}
