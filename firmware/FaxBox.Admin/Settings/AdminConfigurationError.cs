namespace FaxBox.Admin.Settings;

/// <summary>One thing wrong with a configuration: the key (a JSON path) and why; <see cref="Text"/> is <c>FILE: KEY: REASON</c>.</summary>
public sealed record AdminConfigurationError(string Key, string Reason, string Text);
