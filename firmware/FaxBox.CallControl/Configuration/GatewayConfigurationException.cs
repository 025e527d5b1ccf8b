namespace FaxBox.CallControl.Configuration;

/// <summary>A configuration value the gateway cannot run with: <see cref="Key"/> is its JSON path, the message says why.</summary>
public sealed class GatewayConfigurationException(string key, string reason) : ArgumentException($"{key}: {reason}")
{
    /// <summary>The JSON path of the wrong value, e.g. <c>ports[1].account</c>.</summary>
    public string Key { get; } = key;

    /// <summary>Why it is wrong.</summary>
    public string Reason { get; } = reason;
}
