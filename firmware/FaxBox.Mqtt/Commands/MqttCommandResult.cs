namespace FaxBox.Mqtt.Commands;

/// <summary>What a command did.</summary>
/// <param name="Ok">True when it was carried out.</param>
/// <param name="Message">In words: "job 42 queued for retry", "no job 42".</param>
public sealed record MqttCommandResult(bool Ok, string Message);
