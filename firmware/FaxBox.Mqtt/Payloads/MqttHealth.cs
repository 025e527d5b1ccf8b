namespace FaxBox.Mqtt.Payloads;

/// <summary>One health sample (topic <c>health</c>, schema <c>health.json</c>).</summary>
/// <param name="Uptime">Since the box started.</param>
/// <param name="CpuPercent">The process's CPU use since the previous sample, in percent of one core.</param>
/// <param name="MemoryBytes">The process's resident memory (working set).</param>
/// <param name="GcHeapBytes">The managed heap.</param>
/// <param name="TemperatureCelsius">The board's first thermal zone (<c>/sys/class/thermal</c>), null where there is none.</param>
/// <param name="EventsQueued">Events waiting for the broker.</param>
/// <param name="EventsDropped">Events dropped since start because the queue was full while the broker was away.</param>
/// <param name="Connects">Successful connections to the broker since start.</param>
/// <param name="At">When the sample was taken.</param>
public sealed record MqttHealth(TimeSpan Uptime, double CpuPercent, long MemoryBytes, long GcHeapBytes, double? TemperatureCelsius, int EventsQueued, long EventsDropped, long Connects, DateTimeOffset At);
