namespace FaxBox.Mqtt.Publishing;

/// <summary>One message to publish: a retained state (QoS 1, latest wins) or an event (QoS 1, queued, never merged).</summary>
/// <param name="Topic">The full topic.</param>
/// <param name="Payload">UTF-8 JSON or plain text; empty with <paramref name="Retain"/> deletes the retained message.</param>
/// <param name="Retain">True for state, false for events.</param>
public sealed record MqttMessage(string Topic, byte[] Payload, bool Retain);
