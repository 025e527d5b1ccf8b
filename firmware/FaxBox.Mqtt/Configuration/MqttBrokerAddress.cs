namespace FaxBox.Mqtt.Configuration;

/// <summary>A broker URL taken apart: <c>mqtt://host[:port]</c> (TCP) or <c>mqtts://host[:port]</c> (TLS).</summary>
/// <param name="Host">The host name or IP address.</param>
/// <param name="Port">The TCP port (default 1883, or 8883 with TLS).</param>
/// <param name="Tls">True for <c>mqtts://</c>.</param>
public sealed record MqttBrokerAddress(string Host, int Port, bool Tls)
{
    /// <summary>The MQTT port registered with IANA.</summary>
    public const int DefaultPort = 1883;

    /// <summary>The MQTT over TLS port registered with IANA.</summary>
    public const int DefaultTlsPort = 8883;

    /// <summary>Parses <paramref name="url"/>; throws <see cref="MqttConfigurationException"/> with <paramref name="key"/> and the reason.</summary>
    public static MqttBrokerAddress Parse(string url, string key)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri))
        {
            throw new MqttConfigurationException(key, $"'{url}' is not a URL like mqtt://broker.lan or mqtts://broker.lan:8883");
        }

        var tls = uri.Scheme switch
        {
            "mqtt" or "tcp" => false,
            "mqtts" or "ssl" => true,
            _ => throw new MqttConfigurationException(key, $"'{url}': scheme '{uri.Scheme}' is not mqtt:// or mqtts://"),
        };
        if (!string.IsNullOrEmpty(uri.UserInfo))
        {
            throw new MqttConfigurationException(key, "credentials do not belong in the URL (it is logged): use mqtt.username and mqtt.password");
        }

        if (string.IsNullOrEmpty(uri.Host))
        {
            throw new MqttConfigurationException(key, $"'{url}' names no host");
        }

        if (uri.AbsolutePath is not ("" or "/") || !string.IsNullOrEmpty(uri.Query) || !string.IsNullOrEmpty(uri.Fragment))
        {
            throw new MqttConfigurationException(key, $"'{url}': a broker URL has no path, query or fragment");
        }

        var port = uri.IsDefaultPort || uri.Port < 0 ? (tls ? DefaultTlsPort : DefaultPort) : uri.Port;
        if (port is < 1 or > 65535)
        {
            throw new MqttConfigurationException(key, $"'{url}': port {port} is not 1 to 65535");
        }

        return new MqttBrokerAddress(uri.IdnHost.Trim('[', ']'), port, tls);
    }

    /// <inheritdoc/>
    public override string ToString() => $"{(Tls ? "mqtts" : "mqtt")}://{(Host.Contains(':', StringComparison.Ordinal) ? $"[{Host}]" : Host)}:{Port}";
}
