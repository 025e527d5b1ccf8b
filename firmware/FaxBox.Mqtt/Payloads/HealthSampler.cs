using System.Globalization;

namespace FaxBox.Mqtt.Payloads;

/// <summary>
/// Samples the process for <see cref="MqttHealth"/>: CPU time between samples (percent of one core), working set,
/// managed heap, and the temperature of the first thermal zone under <see cref="ThermalRoot"/> that reads. CPU time comes
/// from <see cref="Environment.CpuUsage"/> and the resident set from <c>/proc/self/statm</c>, not from
/// <c>System.Diagnostics.Process</c>, whose assembly (and what it pulls in) an idle box would otherwise map for this
/// one sample a minute.
/// </summary>
internal sealed class HealthSampler
{
    private readonly TimeProvider _time;
    private TimeSpan _lastCpu;
    private long _lastTimestamp;

    public HealthSampler(TimeProvider time, string thermalRoot = "/sys/class/thermal")
    {
        _time = time;
        ThermalRoot = thermalRoot;
        _lastCpu = Environment.CpuUsage.TotalTime;
        _lastTimestamp = _time.GetTimestamp();
    }

    /// <summary>Where the kernel's thermal zones are (<c>thermal_zone*/temp</c>, millidegrees Celsius).</summary>
    public string ThermalRoot { get; }

    public MqttHealth Sample(DateTimeOffset started, int eventsQueued, long eventsDropped, long connects)
    {
        var cpu = Environment.CpuUsage.TotalTime;
        var now = _time.GetTimestamp();
        var wall = _time.GetElapsedTime(_lastTimestamp, now);
        var percent = wall > TimeSpan.Zero ? Math.Max(0, (cpu - _lastCpu).TotalMilliseconds / wall.TotalMilliseconds * 100) : 0;
        _lastCpu = cpu;
        _lastTimestamp = now;
        var at = _time.GetUtcNow();
        return new MqttHealth(at - started, percent, ResidentBytes(), GC.GetTotalMemory(false), ReadTemperature(), eventsQueued, eventsDropped, connects, at);
    }

    /// <summary>
    /// The process's resident set in bytes: the second field of <c>/proc/self/statm</c> (pages) times the page size;
    /// <see cref="Environment.WorkingSet"/> where there is no procfs.
    /// </summary>
    internal static long ResidentBytes()
    {
        try
        {
            var fields = File.ReadAllText("/proc/self/statm").Split(' ', 3);
            if (fields.Length >= 2 && long.TryParse(fields[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var pages))
            {
                return pages * Environment.SystemPageSize;
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // No procfs (not Linux, or a sandbox without /proc): fall through.
        }

        return Environment.WorkingSet;
    }

    /// <summary>The first readable <c>thermal_zone*/temp</c> in degrees Celsius, or null.</summary>
    internal double? ReadTemperature()
    {
        if (!Directory.Exists(ThermalRoot))
        {
            return null;
        }

        foreach (var zone in Directory.GetDirectories(ThermalRoot, "thermal_zone*").Order(StringComparer.Ordinal))
        {
            try
            {
                var text = File.ReadAllText(Path.Combine(zone, "temp")).Trim();
                if (long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var milli))
                {
                    return milli / 1000.0;
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // A zone whose sensor cannot be read (some report EIO when off): try the next.
            }
        }

        return null;
    }
}
