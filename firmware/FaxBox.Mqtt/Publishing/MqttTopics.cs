namespace FaxBox.Mqtt.Publishing;

/// <summary>The topic names of one device (README, "MQTT topics"): <c>&lt;prefix&gt;/&lt;device&gt;/…</c>.</summary>
/// <param name="Prefix">The first level (<c>faxbox</c>).</param>
/// <param name="Device">The device id.</param>
/// <param name="DiscoveryPrefix">Home Assistant's discovery prefix (<c>homeassistant</c>).</param>
public sealed record MqttTopics(string Prefix, string Device, string DiscoveryPrefix)
{
    /// <summary>The device's topic root.</summary>
    public string Root => $"{Prefix}/{Device}";

    /// <summary>Retained "online" / "offline" (the last will).</summary>
    public string Status => $"{Root}/status";

    /// <summary>Retained box summary: state, counters, faxes today.</summary>
    public string Box => $"{Root}/box";

    /// <summary>Retained state of one line port.</summary>
    public string Port(string name) => $"{Root}/port/{name}";

    /// <summary>Retained registration of one SIP account.</summary>
    public string Account(string name) => $"{Root}/account/{name}";

    /// <summary>Retained queue figures.</summary>
    public string Queue => $"{Root}/queue";

    /// <summary>Retained record of the last fax.</summary>
    public string LastFax => $"{Root}/fax/last";

    /// <summary>Retained health, republished every health interval.</summary>
    public string Health => $"{Root}/health";

    /// <summary>Event: a call started.</summary>
    public string CallStart => $"{Root}/call/start";

    /// <summary>Event: a call ended.</summary>
    public string CallEnd => $"{Root}/call/end";

    /// <summary>Event: a fax moved on (phase B, a page, phase E).</summary>
    public string FaxProgress => $"{Root}/fax/progress";

    /// <summary>Event: a fax call ended, with its record.</summary>
    public string FaxCompleted => $"{Root}/fax/completed";

    /// <summary>Commands arrive under here (<c>command/retry-job</c>, <c>command/cancel-job</c>, <c>command/ring-test</c>).</summary>
    public string CommandFilter => $"{Root}/command/+";

    /// <summary>Command replies.</summary>
    public string CommandResult => $"{Root}/command/result";

    /// <summary>Home Assistant's birth/will topic.</summary>
    public string HomeAssistantStatus => $"{DiscoveryPrefix}/status";

    /// <summary>A discovery config topic: <c>homeassistant/&lt;component&gt;/&lt;device&gt;/&lt;object&gt;/config</c>.</summary>
    public string Discovery(string component, string objectId) => $"{DiscoveryPrefix}/{component}/{Device}/{objectId}/config";

    /// <summary>A topic level made safe from a port or account name ('/', '+', '#' become '_').</summary>
    public static string Level(string name) => name.Replace('/', '_').Replace('+', '_').Replace('#', '_');
}
