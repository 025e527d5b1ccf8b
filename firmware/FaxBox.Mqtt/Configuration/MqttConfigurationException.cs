namespace FaxBox.Mqtt.Configuration;

/// <summary>An <c>mqtt</c> setting the publisher cannot run with: <see cref="Key"/> is its JSON path, the message says why.</summary>
public sealed class MqttConfigurationException(string key, string reason) : ArgumentException($"{key}: {reason}")
{
    /// <summary>The JSON path of the wrong value, e.g. <c>mqtt.url</c>.</summary>
    public string Key { get; } = key;

    /// <summary>Why it is wrong.</summary>
    public string Reason { get; } = reason;
}
